//! ERD renderers, one module per format.
