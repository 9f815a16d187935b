//! Where a value sits in a document, built on the stack while validating and turned into an
//! owned path only when a rule fails.

use std::fmt;

use serde::Serialize;

/// A position being validated: a chain of segments back to the root, borrowed from the stack.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'static str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Path<'a> {
    /// The document itself.
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: Step::Root,
        }
    }

    /// A field (by wire name) of the value at `self`.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Step::Field(name),
        }
    }

    /// An item of the array at `self`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Step::Index(index),
        }
    }

    /// A value of the map at `self`.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Step::Key(key),
        }
    }

    /// The owned form, root first.
    pub fn to_field_path(&self) -> FieldPath {
        let mut segments = Vec::new();
        let mut node = Some(self);
        while let Some(current) = node {
            match current.segment {
                Step::Root => {}
                Step::Field(name) => segments.push(Segment::Field(name.into())),
                Step::Index(index) => segments.push(Segment::Index(index)),
                Step::Key(key) => segments.push(Segment::Field(key.to_owned().into())),
            }
            node = current.parent;
        }
        segments.reverse();
        FieldPath(segments)
    }
}

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object key (a field's wire name or a map key).
    Field(std::borrow::Cow<'static, str>),
    /// An array index.
    Index(usize),
}

/// The path of a value in wire names: `jwks.keys[0].kid`, or as a JSON pointer `/jwks/keys/0/kid`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// RFC 6901 JSON pointer (`/jwks/keys/0/kid`; empty for the document).
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            out.push('/');
            match segment {
                Segment::Field(name) => out.push_str(&name.replace('~', "~0").replace('/', "~1")),
                Segment::Index(index) => out.push_str(&index.to_string()),
            }
        }
        out
    }
}

impl fmt::Display for FieldPath {
    /// Dotted form: `jwks.keys[0].kid`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Field(name) if position == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_dotted_and_pointer() {
        let root = Path::root();
        let jwks = root.field("jwks");
        let keys = jwks.field("keys");
        let first = keys.index(0);
        let kid = first.field("kid");
        let path = kid.to_field_path();
        assert_eq!(path.to_string(), "jwks.keys[0].kid");
        assert_eq!(path.pointer(), "/jwks/keys/0/kid");
        let odd = root.key("a/b~c");
        assert_eq!(odd.to_field_path().pointer(), "/a~1b~0c");
        assert_eq!(Path::root().to_field_path().pointer(), "");
    }
}
