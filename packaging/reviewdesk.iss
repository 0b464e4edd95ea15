; Inno Setup 6 script for ReviewDesk: installs the PyInstaller folder for the current user only.
;
; No administrator rights: PrivilegesRequired=lowest installs into
; %LOCALAPPDATA%\Programs\ReviewDesk, Start-menu entries go to the user's own menu, and the optional
; file associations to HKEY_CURRENT_USER. Nothing is downloaded: the folder is complete.
;
; Build, after build_installer.spec made dist\ReviewDesk (see docs/packaging.md):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\reviewdesk.iss
; Result: dist\ReviewDesk-0.1.0-setup.exe. Silent install (e.g. from a USB stick by IT):
;   ReviewDesk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; Uninstalling removes the program folder only: the user's key (identity.pem), settings, sessions
; and logs live elsewhere and stay (a lost key cannot be recovered).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ReviewDesk"
#define AppExe "ReviewDesk.exe"
#define CliExe "reviewdesk-cli.exe"
#define Root ".."
; Simplified Chinese: if your Inno Setup has no Languages\ChineseSimplified.isl, copy it there from
; https://jrsoftware.org/files/istrans/ (the translations page). Without it the
; installer is built in English only (with a warning), rather than failing.
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
#if !HaveChinese
  #pragma warning "ChineseSimplified.isl is not in Inno Setup's Languages folder: the installer will be English only"
#endif

[Setup]
; A fixed AppId: a newer version installs over the older one instead of beside it.
AppId={{6C0B7D5E-3F1A-4C7B-9E2D-5A4F8B1C2D30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ReviewDesk
VersionInfoVersion={#AppVersion}
VersionInfoProductName=ReviewDesk 专家评审系统 / Expert review
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\reviewdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
#if HaveChinese
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.AssocTask=Open session files (.rdesk, .rdpack, .rdwork) with ReviewDesk
en.SelfTest=Run the installation self-test (about 5 s)
en.SessionFile=ReviewDesk review session
#if HaveChinese
zh_CN.AssocTask=将会话文件（.rdesk、.rdpack、.rdwork）关联到 ReviewDesk
zh_CN.SelfTest=运行安装自检（约 5 秒）
zh_CN.SessionFile=ReviewDesk 评审会话
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "assoc"; Description: "{cm:AssocTask}"

[Files]
Source: "{#Root}\dist\ReviewDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version's folder replaces the old one's libraries wholesale (no stale Qt plug-ins).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Per user (HKA is HKEY_CURRENT_USER when installed without administrator rights).
Root: HKA; Subkey: "Software\Classes\.rdesk"; ValueType: string; ValueName: ""; ValueData: "ReviewDesk.File"; Flags: uninsdeletevalue; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\.rdpack"; ValueType: string; ValueName: ""; ValueData: "ReviewDesk.File"; Flags: uninsdeletevalue; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\.rdwork"; ValueType: string; ValueName: ""; ValueData: "ReviewDesk.File"; Flags: uninsdeletevalue; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\ReviewDesk.File"; ValueType: string; ValueName: ""; ValueData: "{cm:SessionFile}"; Flags: uninsdeletekey; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\ReviewDesk.File\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\ReviewDesk.File\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""; Tasks: assoc

[Run]
; The self-test writes its report to %LOCALAPPDATA%\ReviewDesk\ReviewDesk\Logs\self-test.log.
Filename: "{app}\{#CliExe}"; Parameters: "--self-test"; Description: "{cm:SelfTest}"; Flags: postinstall runhidden waituntilterminated skipifsilent unchecked
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: postinstall nowait skipifsilent
