//! The keys of an object that its model does not declare, kept so a model read and written back
//! loses nothing.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The keys a model does not declare, with their values, as they were read; written back as
/// they are. A generated struct holds them in a `#[serde(flatten)]` field, so a client that reads
/// a resource, changes one field and sends it back does not delete the fields its model
/// predates.
///
/// `Debug` shows the keys, not the values: a field the model predates may be a secret.
///
/// ```
/// use oas_validate::UndeclaredKeys;
///
/// #[derive(Debug, serde::Deserialize, serde::Serialize)]
/// struct Client {
///     name: String,
///     #[serde(flatten)]
///     undeclared: UndeclaredKeys,
/// }
///
/// let json = r#"{"name":"app","api_key":"s3cr3t"}"#;
/// let client: Client = serde_json::from_str(json).unwrap();
/// assert_eq!(client.undeclared["api_key"], "s3cr3t");
/// assert_eq!(serde_json::to_string(&client).unwrap(), json);
/// assert!(!format!("{client:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UndeclaredKeys(pub BTreeMap<String, Value>);

impl Deref for UndeclaredKeys {
    type Target = BTreeMap<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for UndeclaredKeys {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl fmt::Debug for UndeclaredKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}
