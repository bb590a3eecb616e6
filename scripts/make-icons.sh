#!/usr/bin/env bash
# Regenerates every raster icon in assets/ from the hand-written SVG sources.
#
# Dev tool only: CI does not run it, the generated PNG/ICO/ICNS files are
# committed. Run it after editing any SVG under assets/ and commit the result.
#
#   scripts/make-icons.sh
#
# Needs: rsvg-convert (apt: librsvg2-bin), ImageMagick 6 or 7 (apt: imagemagick),
#        optional png2icns (apt: icnsutils) for assets/icon.icns.
#
# Sources (see assets/README.md):
#   assets/icon.svg           master app icon, 1024 canvas on the macOS icon grid
#   assets/icon-16.svg        app icon hand-hinted for 16 px (full-bleed tile)
#   assets/icon-32.svg        app icon hand-hinted for 24 and 32 px (full-bleed tile)
#   assets/tray/src/tray-16.svg, tray-32.svg
#                             tray glyph + state badges at 1x and @2x; a CSS
#                             stylesheet (rsvg-convert -s) picks state and colours
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
A="$ROOT/assets"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "make-icons: '$1' not found ($2)" >&2; exit 1; }; }
need rsvg-convert "apt-get install librsvg2-bin"
if command -v magick >/dev/null 2>&1; then IM=(magick); else need convert "apt-get install imagemagick"; IM=(convert); fi

# render SRC SIZE OUT [CSS]
render() {
  local css=()
  [[ -n "${4:-}" ]] && css=(-s "$4")
  rsvg-convert "${css[@]}" -w "$2" -h "$2" "$1" -o "$TMP/raw.png"
  # -strip drops time stamps so unchanged icons stay byte-identical between runs
  "${IM[@]}" "$TMP/raw.png" -strip -define png:exclude-chunks=date,time "PNG32:$3"
}

# --------------------------------------------------------------------------
# App icon
# --------------------------------------------------------------------------
echo "app icon"
mkdir -p "$A/icons"

# macOS: full 1024 canvas with the standard 100 px margin and drop shadow.
render "$A/icon.svg" 1024 "$A/icon.png"

# Windows / Linux: same artwork cropped close to the tile, without the shadow
# (these platforms do not add margins of their own, the macOS margin would make
# the icon look small next to others).
sed -e 's/viewBox="0 0 1024 1024"/viewBox="84 84 856 856"/' \
    -e 's/ filter="url(#shadow)"//' "$A/icon.svg" > "$TMP/icon-tight.svg"
grep -q 'viewBox="84 84 856 856"' "$TMP/icon-tight.svg" || { echo "make-icons: icon.svg viewBox changed, update the crop" >&2; exit 1; }

for s in 16 24 32 48 64 128 256 512 1024; do
  case $s in
    16)    src="$A/icon-16.svg" ;;
    24|32) src="$A/icon-32.svg" ;;
    *)     src="$TMP/icon-tight.svg" ;;
  esac
  render "$src" $s "$A/icons/${s}x${s}.png"
done

# Windows .ico: 16..256 (ImageMagick stores the 256 px entry PNG-compressed).
"${IM[@]}" "$A/icons/16x16.png" "$A/icons/24x24.png" "$A/icons/32x32.png" \
  "$A/icons/48x48.png" "$A/icons/64x64.png" "$A/icons/128x128.png" \
  "$A/icons/256x256.png" -strip "$A/icon.ico"

# macOS .icns from the macOS-grid artwork (16..1024, incl. the @2x slots).
if command -v png2icns >/dev/null 2>&1; then
  icns=()
  for s in 16 32 48 128 256 512 1024; do
    render "$A/icon.svg" $s "$TMP/mac_$s.png"
    icns+=("$TMP/mac_$s.png")
  done
  png2icns "$A/icon.icns" "${icns[@]}" >/dev/null
else
  echo "make-icons: png2icns not found (apt-get install icnsutils); keeping the existing icon.icns" >&2
fi

# --------------------------------------------------------------------------
# Tray icons
# --------------------------------------------------------------------------
echo "tray icons"
T="$A/tray"

# glyph colour per variant:  template = black (macOS tints it),
#   light = dark glyph for light menu bars / taskbars,
#   dark  = light glyph for dark menu bars / taskbars.
declare -A GLYPH=([template]="#000000" [light]="#1F2630" [dark]="#F2F5F8")
# badge colour per state and variant, and the colour of the symbol inside it
declare -A BADGE=(
  [active-light]="#1673E6"  [active-dark]="#3D9BFF"
  [paused-light]="#E08E00"  [paused-dark]="#FFB224"
  [error-light]="#D92D35"   [error-dark]="#FF5C61"
)
declare -A SYMBOL=(
  [active]="#FFFFFF" [paused]="#2A1B00" [error]="#FFFFFF"
)

for state in idle active paused error; do
  for variant in template light dark; do
    css="$TMP/$state-$variant.css"
    g="${GLYPH[$variant]}"
    {
      echo ".mark { fill: $g; }  .line { stroke: $g; }"
      if [[ $state != idle ]]; then
        echo ".ko { display: inline; }  .badge-$state { display: inline; }"
        if [[ $variant == template ]]; then
          # monochrome: the symbol stays a transparent hole in a black disc
          echo ".disc { fill: #000000; }"
        else
          echo ".disc { fill: ${BADGE[$state-$variant]}; }  .under { fill: ${SYMBOL[$state]}; }"
        fi
      fi
    } > "$css"

    if [[ $variant == template ]]; then
      base="tray-${state}Template"
    else
      base="tray-${state}-${variant}"
    fi
    render "$T/src/tray-16.svg" 16 "$T/$base.png"    "$css"
    render "$T/src/tray-32.svg" 32 "$T/$base@2x.png" "$css"
  done

  # Windows .ico (16 + 32). tray-STATE.ico has the light glyph for a dark
  # taskbar (Windows 10 default, Windows 11 dark mode); tray-STATE-light.ico
  # has the dark glyph for a light taskbar. See assets/README.md.
  "${IM[@]}" "$T/tray-${state}-dark.png"  "$T/tray-${state}-dark@2x.png"  -strip "$T/tray-${state}.ico"
  "${IM[@]}" "$T/tray-${state}-light.png" "$T/tray-${state}-light@2x.png" -strip "$T/tray-${state}-light.ico"
done

echo "done: $(du -ch "$A"/*.png "$A"/*.ico "$A"/*.icns "$A"/icons/*.png "$T"/*.png "$T"/*.ico 2>/dev/null | tail -1 | cut -f1) of generated icons"
