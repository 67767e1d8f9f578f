; Inno Setup 6 script: installs build\bundle\简报编排器\ (made by `python dev.py bundle` on Windows).
;   iscc /DAppVersion=0.1.0 packaging\windows\简报编排器.iss   → build\bundle\简报编排器-安装程序-0.1.0.exe
; Per-user install by default (no administrator needed; an editor's office PC often has none),
; Chinese wizard, Start-menu entry, the .bulletin file type (an issue folder's 打开本期.bulletin).
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "简报编排器"
#define AppExe "简报编排器.exe"

[Setup]
AppId={{6C1E3F0B-2B5D-4E8A-9B61-5A0F7D1C2E43}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=简报编排器
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\bundle
OutputBaseFilename={#AppName}-安装程序-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3+ (Languages\Unofficial before that)
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; Flags: unchecked

[Files]
Source: "..\..\build\bundle\{#AppName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .bulletin → 简报编排器 (HKCU or HKLM follows the install mode through HKA)
Root: HKA; Subkey: "Software\Classes\.bulletin"; ValueType: string; ValueName: ""; ValueData: "Bulletin.Issue"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Bulletin.Issue"; ValueType: string; ValueName: ""; ValueData: "简报期刊"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Bulletin.Issue\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Bulletin.Issue\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "启动 {#AppName}"; Flags: nowait postinstall skipifsilent
