# Gives every Markdown heading outside a fenced code block the anchor GitHub gives it
# ("## The whole protocol, end to end" -> {#the-whole-protocol-end-to-end}), so that links such as
# [the flows below](#the-whole-protocol-end-to-end) work in the Doxygen site as they do on GitHub.
# Doxygen 1.9.4 names headings autotoc_mdN and has no MARKDOWN_ID_STYLE; the Doxyfile runs this
# filter on README.md (FILTER_PATTERNS). A heading that already ends in {#id} is left as it is.
/^(```|~~~)/ { fence = !fence; print; next }
!fence && /^##*[ \t]/ && !/\{#[^}]*\}[ \t]*$/ {
    title = $0
    sub(/^##*[ \t]+/, "", title)
    sub(/[ \t#]+$/, "", title)
    slug = tolower(title)
    gsub(/[^a-z0-9 _-]/, "", slug)
    gsub(/ /, "-", slug)
    if (slug in seen) { n = ++seen[slug]; slug = slug "-" n } else seen[slug] = 0
    print $0 " {#" slug "}"
    next
}
{ print }
