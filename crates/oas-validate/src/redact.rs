//! `Debug` output that hides a secret.

use std::fmt;

/// Wraps a secret field for `Debug`: it prints `"<redacted>"` whatever the value.
///
/// ```
/// let secret = Some("hunter2".to_owned());
/// assert_eq!(format!("{:?}", oas_validate::Redacted(&secret)), r#""<redacted>""#);
/// ```
pub struct Redacted<'a, T>(pub &'a T);

impl<T> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}
