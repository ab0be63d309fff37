"""Build the desktop bundle: PyInstaller's one-folder build of cmdesk (packaging/cmdesk.spec), packed with the
.desktop file, the AppStream metainfo, the icons and an install script into
dist/cmdesk-<version>-linux-<machine>.tar.gz. Run by `./dev bundle`; prints the archive's path, size and build time.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cmdesk import __version__  # noqa: E402
from cmdesk.paths import APP_ID  # noqa: E402

INSTALL = """#!/bin/sh
# Install cmdesk for this user under ~/.local (no root needed); run it again to update. Remove with --uninstall.
# The background agent (syncs and sends while the window is closed) starts with the session; --no-agent skips it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/cmdesk"
bin="$HOME/.local/bin"
app_id=@APP_ID@
if [ "${1:-}" = "--uninstall" ]; then
  [ -x "$lib/cmdesk" ] && "$lib/cmdesk" agent --uninstall >/dev/null 2>&1 || true
  rm -rf "$lib" "$bin/cmdesk" "$prefix/applications/$app_id.desktop" "$prefix/metainfo/$app_id.metainfo.xml"
  find "$prefix/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
  echo "cmdesk removed (your data in ${XDG_DATA_HOME:-$HOME/.local/share}/cmdesk is kept)"
  exit 0
fi
rm -rf "$lib"
mkdir -p "$lib" "$bin" "$prefix/applications" "$prefix/metainfo"
cp -a "$here/cmdesk/." "$lib/"
ln -sf "$lib/cmdesk" "$bin/cmdesk"
sed "s|^Exec=cmdesk|Exec=$bin/cmdesk|" "$here/$app_id.desktop" > "$prefix/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$prefix/metainfo/"
for png in "$here"/icons/cmdesk-*.png; do
  size=$(basename "$png" .png | sed 's/cmdesk-//')
  mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$prefix/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$prefix/icons/hicolor/scalable/apps"
cp "$here/icons/cmdesk.svg" "$prefix/icons/hicolor/scalable/apps/$app_id.svg"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/icons/hicolor" || true
echo "cmdesk @VERSION@ installed: $bin/cmdesk, and in your applications menu"
if [ "${1:-}" != "--no-agent" ]; then
  "$bin/cmdesk" agent --install || echo "the background agent was not installed (Preferences can do it later)"
fi
"""


UNUSED_PLUGINS = (
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvnc.so",
    "platforms/libqvkkhrdisplay.so",
    "egldeviceintegrations",
    "generic",
    # GTK's theme plugin drags the whole GTK stack in (a desktop already has it); Qt's own style and the XDG
    # desktop portal (kept) serve instead.
    "platformthemes/libqgtk3.so",
    "imageformats/libqicns.so",
    "imageformats/libqtga.so",
    "imageformats/libqtiff.so",
    "imageformats/libqwbmp.so",
)


def needed_names(path: Path) -> set[str]:
    """The shared libraries an ELF file asks for, by name (from ldd, which resolves what the bundle lacks too)."""
    done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    return {line.split()[0] for line in done.stdout.splitlines() if "=>" in line or line.strip().startswith("lib")}


def prune(bundle: Path) -> list[str]:
    """Drop the Qt plugins cmdesk does not use, then every bundled library that nothing kept still needs."""
    internal = bundle / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for relative in UNUSED_PLUGINS:
        target = plugins / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    top = {
        path.name: path
        for path in internal.glob("lib*.so*")
        if path.is_file() and ".cpython-" not in path.name and ".abi3." not in path.name
    }
    wanted: set[str] = set()
    for path in bundle.rglob("*.so*"):
        if path.parent != internal and path.is_file():
            wanted |= needed_names(path)
    wanted |= needed_names(bundle / "cmdesk")
    queue = [name for name in wanted if name in top]
    while queue:
        name = queue.pop()
        for more in needed_names(top[name]) - wanted:
            wanted.add(more)
            if more in top:
                queue.append(more)
    removed = sorted(name for name in top if name not in wanted and not name.startswith("libpython"))
    for name in removed:
        top[name].unlink()
    return removed


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build", help="PyInstaller's work (build/)")
    parser.add_argument("--dist-dir", type=Path, default=ROOT / "dist", help="where the archive goes (dist/)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    build = args.build_dir.resolve()
    dist = args.dist_dir.resolve()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(build / "pyinstaller-dist"),
            "--workpath",
            str(build / "pyinstaller-work"),
            str(ROOT / "packaging" / "cmdesk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    removed = prune(build / "pyinstaller-dist" / "cmdesk")
    print(f"left out {len(removed)} libraries nothing in the bundle needs: {', '.join(removed)}")
    name = f"cmdesk-{__version__}-linux-{platform.machine()}"
    stage = build / name
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    shutil.copytree(build / "pyinstaller-dist" / "cmdesk", stage / "cmdesk", symlinks=True)
    resources = ROOT / "resources"
    for file in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"):
        shutil.copy(resources / file, stage / file)
    shutil.copytree(resources / "icons", stage / "icons")
    install = stage / "install.sh"
    install.write_text(INSTALL.replace("@APP_ID@", APP_ID).replace("@VERSION@", __version__))
    install.chmod(0o755)
    dist.mkdir(exist_ok=True)
    archive = dist / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(stage, arcname=name)
    seconds = time.monotonic() - started
    print(f"bundle folder: {stage / 'cmdesk'} ({folder_size(stage / 'cmdesk') / 1_048_576:.0f} MB)")
    print(f"archive: {archive} ({archive.stat().st_size / 1_048_576:.0f} MB), built in {seconds:.0f} s")
    return archive


if __name__ == "__main__":
    main()
