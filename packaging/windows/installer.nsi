; Windows installer for ML Interview Coach (NSIS 3).
;   makensis /DVERSION=0.1.0 /DBUNDLE=build\dist\ml-interview-coach /DOUTDIR=dist packaging\windows\installer.nsi
; (add /DPYTHON=path\to\python when `python` is not the one to run bundle_files.py at compile time)
;
; - For you alone by default, with no administrator prompt (RequestExecutionLevel user), into
;   %LOCALAPPDATA%\Programs\ML Interview Coach. "Anyone who uses this computer" on the second page,
;   or /AllUsers on the command line, starts the installer again with administrator rights and
;   installs into the 64-bit Program Files. /CurrentUser, /S (silent) and /D=folder work as usual.
; - As it installs it writes install-manifest.txt, the list of every file it wrote. The uninstaller
;   removes exactly those, then each folder only if it is empty: whatever else is in a folder
;   someone chose for the app stays. Installing over an earlier version removes that version's
;   files first, so nothing stale stays behind.
; - Neither goes on while the app runs: packaging/launcher.py holds the "ml-interview-coach-running" mutex
;   (a silent run then exits with code 3).

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass /DVERSION=x.y.z"
!endif
!ifndef BUNDLE
  !error "pass /DBUNDLE=path\to\the\PyInstaller\one-folder\bundle"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif
!ifndef PYTHON
  !define PYTHON "python"
!endif

!define APPNAME "ML Interview Coach"
!define APPID "ml-interview-coach"
!define EXE "mlcoach.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define MANIFEST "install-manifest.txt"
!define MUTEX "ml-interview-coach-running"
!define COPYRIGHT "Copyright (c) 2026 The ML Interview Coach contributors. MIT licence."

; Every file of the bundle, listed now (INSTALL_BUNDLE_FILES, VERSION_NUMERIC, BUNDLE_KB).
!tempfile BUNDLE_NSH
!system '"${PYTHON}" "${__FILEDIR__}/bundle_files.py" "${BUNDLE}" "${BUNDLE_NSH}" "${VERSION}"' = 0
!include "${BUNDLE_NSH}"
!delfile "${BUNDLE_NSH}"

!include MUI2.nsh
!include LogicLib.nsh
!include nsDialogs.nsh
!include FileFunc.nsh
!include x64.nsh

Name "${APPNAME}"
OutFile "${OUTDIR}\${APPID}-${VERSION}-windows-setup.exe"
BrandingText "${APPNAME} ${VERSION}"

; The installer's own version resource (Properties > Details).
VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "CompanyName" "The ML Interview Coach contributors"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "${COPYRIGHT}"

Var AllUsers     ; 1: everyone (Program Files, HKLM); 0: this user (%LOCALAPPDATA%\Programs, HKCU)
Var ModeGiven    ; 1 when /AllUsers or /CurrentUser chose it: the page is skipped
Var DirGiven     ; 1 when /D= chose the folder
Var Manifest     ; install-manifest.txt, open while installing
Var OptionMe
Var OptionEveryone

!define MUI_ICON "..\..\resources\icons\app.ico"
!define MUI_UNICON "..\..\resources\icons\app.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APPNAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION StartApp

!insertmacro MUI_PAGE_WELCOME
Page custom ModePage ModePageLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Written once per installed file by INSTALL_BUNDLE_FILES; a folder ends in "\".
!macro RECORD path
  FileWriteUTF16LE $Manifest "${path}$\r$\n"
!macroend

; --- shared by the installer and the uninstaller (prefix "" or "un.") ---------------------------

!macro SHARED un
Function ${un}SetMode
  SetRegView 64  ; a 64-bit app: its uninstall entry belongs in the 64-bit registry, not WOW6432Node
  ${If} $AllUsers = 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

; $0 = 1 when this process has administrator rights (an elevated token, not just an admin account).
Function ${un}IsAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "Admin"
    StrCpy $0 1
  ${Else}
    StrCpy $0 0
  ${EndIf}
FunctionEnd

; Waits, with Retry and Cancel, until no copy of the app runs; Cancel (or a silent run) quits with exit code 3.
Function ${un}CheckRunning
  check:
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${MUTEX}") p .r0'
    IntCmp $0 0 done
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME} is running. Quit it (File > Quit, or Ctrl+Q), then choose Retry." /SD IDCANCEL IDRETRY check
    SetErrorLevel 3
    Quit
  done:
FunctionEnd

; $R3 = 1 when the manifest line in $R1 is a plain path inside the install folder (not empty, not a
; comment, not absolute, no drive, no "..").
Function ${un}SafeEntry
  StrCpy $R3 0
  StrCpy $R2 $R1 1
  ${If} $R1 == ""
  ${OrIf} $R2 == "#"
  ${OrIf} $R2 == "\"
  ${OrIf} $R2 == "/"
    Return
  ${EndIf}
  StrCpy $R4 0
  ${Do}
    StrCpy $R2 $R1 2 $R4
    ${If} $R2 == ""
      ${ExitDo}
    ${EndIf}
    StrCpy $R5 $R2 1
    ${If} $R2 == ".."
    ${OrIf} $R5 == ":"
      Return
    ${EndIf}
    IntOp $R4 $R4 + 1
  ${Loop}
  StrCpy $R3 1
FunctionEnd

; Removes every file install-manifest.txt lists, then its folders (deepest first) if they are empty.
Function ${un}RemoveInstalledFiles
  ClearErrors
  FileOpen $R0 "$INSTDIR\${MANIFEST}" r
  IfErrors removed
  ${Do}
    ClearErrors
    FileReadUTF16LE $R0 $R1
    ${If} ${Errors}
      ${ExitDo}
    ${EndIf}
    ${Do}  ; drop the line end
      StrCpy $R2 $R1 1 -1
      ${If} $R2 == "$\r"
      ${OrIf} $R2 == "$\n"
        StrCpy $R1 $R1 -1
      ${Else}
        ${ExitDo}
      ${EndIf}
    ${Loop}
    Call ${un}SafeEntry
    ${If} $R3 = 1
      StrCpy $R2 $R1 1 -1
      ${If} $R2 == "\"
        StrCpy $R1 $R1 -1
        RMDir "$INSTDIR\$R1"  ; not /r: only an empty folder goes
      ${Else}
        Delete "$INSTDIR\$R1"
      ${EndIf}
    ${EndIf}
  ${Loop}
  FileClose $R0
  removed:
FunctionEnd
!macroend

!insertmacro SHARED ""
!insertmacro SHARED "un."

; --- the installer ------------------------------------------------------------------------------

Function DefaultDir
  ${If} $DirGiven = 1
    Return
  ${EndIf}
  ReadRegStr $R0 SHCTX "${UNINSTKEY}" "InstallLocation"  ; an earlier install: update it where it is
  ${If} $R0 != ""
    StrCpy $INSTDIR $R0
    Return
  ${EndIf}
  ${If} $AllUsers = 1
    StrCpy $INSTDIR "$PROGRAMFILES64\${APPNAME}"
  ${Else}
    StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APPNAME}"
  ${EndIf}
FunctionEnd

; Starts this installer again with administrator rights to install for everyone (Windows asks
; first). $0 = 1 when it started: this copy then quits and the new one carries on.
Function Elevate
  ${GetParameters} $R0
  ClearErrors
  ExecShell "runas" "$EXEPATH" "/AllUsers $R0"
  ${If} ${Errors}
    StrCpy $0 0
  ${Else}
    StrCpy $0 1
  ${EndIf}
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  StrCpy $AllUsers 0
  StrCpy $ModeGiven 0
  StrCpy $DirGiven 0
  ${If} $INSTDIR != ""
    StrCpy $DirGiven 1
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
    StrCpy $ModeGiven 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CurrentUser" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 0
    StrCpy $ModeGiven 1
  ${EndIf}
  ${If} $AllUsers = 1
    Call IsAdmin
    ${If} $0 = 0
      Call Elevate
      ${If} $0 = 0
        MessageBox MB_ICONSTOP "Installing for everyone needs administrator rights." /SD IDOK
      ${EndIf}
      Abort
    ${EndIf}
  ${EndIf}
  Call SetMode
  Call DefaultDir
  Call CheckRunning
FunctionEnd

Function ModePage
  ${If} $ModeGiven = 1
    Abort  ; skips the page
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "Who will use ${APPNAME}?" "Install it for you alone, or for everyone on this computer."
  nsDialogs::Create 1018
  Pop $R0
  ${NSD_CreateRadioButton} 0 0 100% 14u "Only &me (no administrator rights needed)"
  Pop $OptionMe
  ${NSD_CreateRadioButton} 0 20u 100% 14u "&Anyone who uses this computer (Windows asks for administrator rights)"
  Pop $OptionEveryone
  ${If} $AllUsers = 1
    ${NSD_Check} $OptionEveryone
  ${Else}
    ${NSD_Check} $OptionMe
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $OptionEveryone $R0
  ${If} $R0 = ${BST_CHECKED}
    Call IsAdmin
    ${If} $0 = 0
      Call Elevate
      ${If} $0 = 1
        Quit
      ${EndIf}
      MessageBox MB_ICONEXCLAMATION "Installing for everyone needs administrator rights. Choose 'Only me' to install without them."
      Abort  ; stays on the page
    ${EndIf}
    StrCpy $AllUsers 1
  ${Else}
    StrCpy $AllUsers 0
  ${EndIf}
  Call SetMode
  Call DefaultDir
FunctionEnd

; An installer for everyone runs with administrator rights: the app it starts should not, so it is
; started through Explorer, as the signed-in user.
Function StartApp
  ${If} $AllUsers = 1
    Exec '"$WINDIR\explorer.exe" "$INSTDIR\${EXE}"'
  ${Else}
    Exec '"$INSTDIR\${EXE}"'
  ${EndIf}
FunctionEnd

Section "Install"
  Call CheckRunning  ; again: it may have been started since the first page
  ${If} ${FileExists} "$INSTDIR\${MANIFEST}"
    Call RemoveInstalledFiles  ; an earlier version's files
  ${EndIf}
  CreateDirectory "$INSTDIR"
  ClearErrors
  FileOpen $Manifest "$INSTDIR\${MANIFEST}" w
  ${If} ${Errors}
    Abort "Cannot write to $INSTDIR."
  ${EndIf}
  FileWriteUTF16LE /BOM $Manifest "# ${APPNAME} ${VERSION}: the files its installer wrote, which its uninstaller removes$\r$\n"
  !insertmacro INSTALL_BUNDLE_FILES
  FileClose $Manifest
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "The ML Interview Coach contributors"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" ${BUNDLE_KB}
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${If} $AllUsers = 1
    WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe" /AllUsers'
    WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /AllUsers /S'
  ${Else}
    WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe" /CurrentUser'
    WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /CurrentUser /S'
  ${EndIf}
SectionEnd

; --- the uninstaller ----------------------------------------------------------------------------

Function un.onInit
  ; For everyone when asked (/AllUsers), or when it is the folder the all-users entry names.
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
  ${EndIf}
  SetRegView 64
  ReadRegStr $R1 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $R1 == $INSTDIR
    StrCpy $AllUsers 1
  ${EndIf}
  ${If} $AllUsers = 1
    Call un.IsAdmin
    ${If} $0 = 0
      ClearErrors
      ExecShell "runas" "$INSTDIR\Uninstall.exe" "/AllUsers $R0"  ; $R0: this run's options (/S)
      ${If} ${Errors}
        MessageBox MB_ICONSTOP "Removing ${APPNAME} for everyone needs administrator rights." /SD IDOK
      ${EndIf}
      Quit
    ${EndIf}
  ${EndIf}
  Call un.SetMode
  Call un.CheckRunning
FunctionEnd

; Removes the program only: your notes and progress live in your data folder and are kept.
Section "Uninstall"
  Call un.CheckRunning
  Call un.RemoveInstalledFiles
  Delete "$INSTDIR\${MANIFEST}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty: anything else kept there stays, and so does its folder
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  DeleteRegKey SHCTX "${UNINSTKEY}"
SectionEnd
