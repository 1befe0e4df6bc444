//! Links in content: external ones (form, and `check --external` over the network).
//! Internal link checking joins here (issue 22).

pub mod external;
