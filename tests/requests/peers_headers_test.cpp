// Placeholder: filled by the work on issue 11 (peer vectors).
