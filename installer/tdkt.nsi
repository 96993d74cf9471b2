; Windows installer of TĐKT Desktop (NSIS 3, builds with makensis on Windows and on Linux).
;
;   makensis -DVERSION=0.1.0 -DBUNDLE=dist\tdkt-0.1.0 -DOUTFILE=dist\TDKT-0.1.0-setup.exe installer\tdkt.nsi
;
; Per-user by default (no administrator rights needed), per-machine when chosen; Vietnamese pages
; first, English available; upgrades in place and refuses to install over a newer version; the
; uninstaller keeps the user's data unless asked to remove it.

Unicode true
; One LZMA stream over all the files, with a 64 MB dictionary (8 MB by default) so that it finds
; what far-apart libraries have in common; unpacking needs that much memory, which any PC has.
SetCompressor /SOLID /FINAL lzma
SetCompressorDictSize 64
ManifestDPIAware true

!ifndef VERSION
  !error "Pass -DVERSION=X.Y.Z (python3 dev.py installer does)"
!endif
!ifndef BUNDLE
  !error "Pass -DBUNDLE=<the PyInstaller folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "TDKT-${VERSION}-setup.exe"
!endif

!define PRODUCT "TĐKT Desktop"
!define PRODUCT_ID "{6F2C8E57-3B1D-4B7A-9E40-5D1A7C2B9F13}" ; fixed: the same product across versions
!define APP_ID "tdkt-desktop"                                  ; platformdirs folder of the user's data
!define GUI_EXE "ThiDuaKhenThuong.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_ID}"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_INSTDIR "TDKT Desktop"
!define MULTIUSER_INSTALLMODE_INSTALL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_INSTALL_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_USE_PROGRAMFILES64
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include WordFunc.nsh

Name "${PRODUCT}"
OutFile "${OUTFILE}"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${PRODUCT}"

!define MUI_ICON "..\resources\icons\tdkt.ico"
!define MUI_UNICON "..\resources\icons\tdkt.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_VIETNAMESE} "Chương trình (bắt buộc)"
LangString SecProgram ${LANG_ENGLISH} "The program (required)"
LangString SecDesktop ${LANG_VIETNAMESE} "Biểu tượng trên màn hình nền"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString UnSecProgram ${LANG_VIETNAMESE} "Gỡ chương trình"
LangString UnSecProgram ${LANG_ENGLISH} "Remove the program"
LangString UnSecData ${LANG_VIETNAMESE} "Xóa cả dữ liệu, bản sao lưu và cài đặt (không thể khôi phục)"
LangString UnSecData ${LANG_ENGLISH} "Also delete the data, backups and settings (cannot be undone)"
LangString Newer ${LANG_VIETNAMESE} "Máy này đã có ${PRODUCT} phiên bản $0, mới hơn bản ${VERSION} đang cài. Hãy dùng bộ cài phiên bản $0 trở lên."
LangString Newer ${LANG_ENGLISH} "${PRODUCT} $0 is already installed, newer than ${VERSION}. Use an installer of version $0 or later."
LangString ShortcutName ${LANG_VIETNAMESE} "Thi đua - Khen thưởng"
LangString ShortcutName ${LANG_ENGLISH} "Emulation and commendation"
LangString UninstallName ${LANG_VIETNAMESE} "Gỡ bỏ ${PRODUCT}"
LangString UninstallName ${LANG_ENGLISH} "Uninstall ${PRODUCT}"

Function .onInit
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
  ; Refuse a downgrade; the same or an older version is upgraded in place.
  ReadRegStr $0 SHCTX "${UNINSTALL_KEY}" "DisplayVersion"
  ${If} $0 != ""
    ${VersionCompare} "$0" "${VERSION}" $1
    ${If} $1 == 1
      MessageBox MB_ICONSTOP "$(Newer)" /SD IDOK
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "!$(SecProgram)" SEC_PROGRAM
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Upgrade in place: old program files go, the user's data (elsewhere) stays.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\$(ShortcutName).lnk" "$INSTDIR\${GUI_EXE}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\$(UninstallName).lnk" "$INSTDIR\Uninstall.exe"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe" /$MultiUser.InstallMode'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SecDesktop)" SEC_DESKTOP
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${GUI_EXE}"
SectionEnd

Section "un.$(UnSecProgram)" UNSEC_PROGRAM
  SectionIn RO
  Delete "$DESKTOP\$(ShortcutName).lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\tdkt.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR" ; only if empty: a portable data\ folder next to the program is kept
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
SectionEnd

Section /o "un.$(UnSecData)" UNSEC_DATA
  RMDir /r "$LOCALAPPDATA\${APP_ID}"
  RMDir /r "$APPDATA\${APP_ID}"
  RMDir /r "$INSTDIR\data"
  RMDir "$INSTDIR"
SectionEnd
