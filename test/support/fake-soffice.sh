#!/bin/sh
# A stand-in for LibreOffice in tests about who may download a PDF, not about how it looks:
# called as pdf-convert.ts calls soffice, it writes a minimal PDF named after the source file.
out=""
src=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift ;;
    *) src="$1" ;;
  esac
  shift
done
name=$(basename "$src" .docx)
printf '%%PDF-1.4\n%%%%EOF\n' > "$out/$name.pdf"
