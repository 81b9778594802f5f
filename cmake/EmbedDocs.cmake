# Writes OUT, a C++ fragment with each check's documentation (DOCS/*.md) as
# a raw string: SARIF rules carry it as their help.
# Usage: cmake -DDOCS=<dir> -DOUT=<file> -P EmbedDocs.cmake
file(GLOB docs "${DOCS}/*.md")
list(SORT docs)
set(text "// Generated from docs/checks by cmake/EmbedDocs.cmake.\n")
foreach(doc ${docs})
  get_filename_component(name "${doc}" NAME_WE)
  file(READ "${doc}" body)
  string(APPEND text "{\"${name}\", R\"sldoc(${body})sldoc\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "${text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
