"""The form editor (`ocop-site edit`): Decap CMS configured from the content schema, served with a
local backend that writes the content folder."""
