"""The consultancy's own catalogues as read: the versions it imported and its private text of controls."""
