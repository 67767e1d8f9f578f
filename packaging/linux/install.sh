#!/bin/sh
# 为当前用户登记简报编排器：应用菜单里出现“简报编排器”，双击“打开本期.bulletin”即打开该期。
# 用法：在解压出的“简报编排器”文件夹里运行 ./install.sh（不需要管理员权限）。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mime="${XDG_DATA_HOME:-$HOME/.local/share}/mime"
mkdir -p "$apps" "$mime/packages"
sed "s#@APPDIR@#$here#g" "$here/简报编排器.desktop" > "$apps/简报编排器.desktop"
cp "$here/bulletin-issue.xml" "$mime/packages/bulletin-issue.xml"
command -v update-mime-database >/dev/null && update-mime-database "$mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
command -v xdg-mime >/dev/null && xdg-mime default 简报编排器.desktop application/x-bulletin-issue || true
echo "已登记：应用菜单中的“简报编排器”；命令行可用 $here/bulletin"
