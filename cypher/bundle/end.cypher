// The end of a bundle: one row holding every part's list. Placeholder: NAMES.
RETURN NAMES
