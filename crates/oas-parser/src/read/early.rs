//! Reading `components.schemas` while the rest of the document is still being parsed.
//!
//! Loading is serial, and reading the named schemas waits for it; on a large spec the two are
//! about as long. So while the text is parsed, each member of `components.schemas` is handed,
//! as soon as it is parsed, to a thread that reads it as a 3.0 schema (the version is often
//! written after the components, so it is not known yet); the parser leaves a placeholder. When
//! the parse ends, the parsing thread reads what is left beside the other, and the values are
//! put back in place. Reading then takes these results when the document is 3.0 and the map had
//! no repeated key; otherwise (3.1, 2.0, a repeat) they are dropped and the schemas are read as
//! usual.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{Scope, ScopedJoinHandle};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, push_token};
use crate::load::Dialect;
use crate::view::Schema;

/// Where 3.0 documents keep their named schemas, as read early.
const SCHEMAS_POINTER: &str = Dialect::OpenApi30.models_pointer();

/// One member of `components.schemas` read as a 3.0 schema: its key, pointer, the schema (`None`
/// when it could not be read) and what reading it had to say.
#[derive(Debug)]
pub(crate) struct EarlyRead {
    key: String,
    pub(crate) pointer: String,
    pub(crate) schema: Option<Schema>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// The early reads a document carries until reading takes them. A clone carries none: they are
/// only a head start.
#[derive(Debug, Default)]
pub struct EarlyReads(Mutex<Option<Vec<EarlyRead>>>);

impl Clone for EarlyReads {
    fn clone(&self) -> Self {
        EarlyReads::default()
    }
}

impl EarlyReads {
    /// Takes the reads if they are those of `entries` (the keys of `components.schemas`, in
    /// order); the caller has checked that the document is 3.0.
    pub(crate) fn take_for(&self, entries: &[(&str, &Value)]) -> Option<Vec<EarlyRead>> {
        let reads = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()?;
        let same = reads.len() == entries.len()
            && reads
                .iter()
                .zip(entries)
                .all(|(read, (key, _))| read.key == *key);
        same.then_some(reads)
    }
}

/// The thread reading schemas as the parser hands them over.
pub(crate) struct EarlyReader<'scope> {
    queue: Arc<Queue>,
    thread: ScopedJoinHandle<'scope, Vec<Handed>>,
}

impl<'scope> EarlyReader<'scope> {
    /// Starts the reading thread in `scope`; `None` on a single core, where it would only
    /// take turns with the parser.
    pub(crate) fn start<'env>(scope: &'scope Scope<'scope, 'env>) -> Option<Self> {
        if crate::parallel::all_cores() < 2 {
            return None;
        }
        EarlyReader::spawn(scope)
    }

    /// Starts the reading thread in `scope`, however many cores there are.
    fn spawn<'env>(scope: &'scope Scope<'scope, 'env>) -> Option<Self> {
        let queue = Arc::new(Queue::default());
        let shared = Arc::clone(&queue);
        let thread = crate::parallel::spawn_worker(scope, move || shared.read_all(true))?;
        Some(EarlyReader { queue, thread })
    }

    /// What the parser calls with each member of `components.schemas`: the value goes to the
    /// reading thread, and a placeholder takes its place until [`EarlyReader::finish`].
    pub(crate) fn hand_over(&self, key: &str, value: Value) -> Value {
        self.queue.push(key.to_owned(), value);
        Value::Null
    }

    /// Reads what the thread has not reached yet beside it, puts every value handed over back
    /// into `root`'s `components.schemas` (in the order handed over, so a repeated key keeps its
    /// last value, as the parser keeps it), and returns the reads unless a key was repeated.
    /// Without a `root` (the parse failed) the rest is not read.
    pub(crate) fn finish(self, root: Option<&mut Value>) -> EarlyReads {
        let mine = self.queue.close(root.is_some());
        let Ok(theirs) = self.thread.join() else {
            return EarlyReads::default();
        };
        let Some(root) = root else {
            return EarlyReads::default();
        };
        let mut handed: Vec<Handed> = theirs.into_iter().chain(mine).collect();
        handed.sort_unstable_by_key(|handed| handed.order);
        let mut map = root
            .get_mut("components")
            .and_then(|components| components.get_mut("schemas"))
            .and_then(Value::as_object_mut);
        let mut kept = Vec::with_capacity(handed.len());
        for Handed { read, value, .. } in handed {
            if let Some(slot) = map.as_mut().and_then(|map| map.get_mut(&read.key)) {
                *slot = value;
            }
            kept.push(read);
        }
        // A repeated key leaves the map fewer entries than there were reads.
        let one_read_per_entry = map.is_some_and(|map| map.len() == kept.len());
        EarlyReads(Mutex::new(one_read_per_entry.then_some(kept)))
    }
}

/// A schema handed over and read, with its value to put back.
struct Handed {
    /// Its place in the order handed over.
    order: usize,
    read: EarlyRead,
    value: Value,
}

/// The schemas handed over and not yet taken for reading.
#[derive(Default)]
struct Queue {
    state: Mutex<QueueState>,
    /// Signalled when a schema is handed over or the parse ends.
    changed: Condvar,
}

#[derive(Default)]
struct QueueState {
    waiting: VecDeque<(usize, String, Value)>,
    handed: usize,
    parsed: bool,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, QueueState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn push(&self, key: String, value: Value) {
        let mut state = self.lock();
        let order = state.handed;
        state.handed += 1;
        state.waiting.push_back((order, key, value));
        drop(state);
        self.changed.notify_one();
    }

    /// Marks the parse done and reads what is left on this thread too (nothing unless
    /// `read_rest`: the parse failed and the values are not needed).
    fn close(&self, read_rest: bool) -> Vec<Handed> {
        let mut state = self.lock();
        state.parsed = true;
        if !read_rest {
            state.waiting.clear();
        }
        drop(state);
        self.changed.notify_all();
        self.read_all(false)
    }

    /// Reads schemas as they are handed over until none is left once the parse is done
    /// (`wait`), or until none is waiting.
    fn read_all(&self, wait: bool) -> Vec<Handed> {
        let mut done = Vec::new();
        while let Some((order, key, value)) = self.next(wait) {
            done.push(Handed {
                order,
                read: read_one(key, &value),
                value,
            });
        }
        done
    }

    fn next(&self, wait: bool) -> Option<(usize, String, Value)> {
        let mut state = self.lock();
        loop {
            if let Some(next) = state.waiting.pop_front() {
                return Some(next);
            }
            if state.parsed || !wait {
                return None;
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }
}

/// Reads one member of `components.schemas` as a 3.0 schema.
fn read_one(key: String, value: &Value) -> EarlyRead {
    let pointer = push_token(SCHEMAS_POINTER, &key);
    let (schema, diagnostics) = match super::v30::read_schema(value, &pointer) {
        Ok(schema) => (Some(schema), Vec::new()),
        Err(diagnostic) => (None, vec![diagnostic]),
    };
    EarlyRead {
        key,
        pointer,
        schema,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_document;
    use crate::read::read_targets;
    use crate::tree::{Syntax, read_tree};

    /// Parses JSON `text` as loading does, handing `components.schemas` to an early reader.
    fn parse_reading_early(text: &str) -> (Value, EarlyReads) {
        std::thread::scope(|scope| {
            let reader = EarlyReader::spawn(scope).expect("a thread starts");
            let hand_over = |key: &str, value: Value| reader.hand_over(key, value);
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let (mut root, _) = read_tree(&mut deserializer, Syntax::Json, Some(&hand_over))
                .expect("the test spec parses");
            let reads = reader.finish(Some(&mut root));
            (root, reads)
        })
    }

    fn parse_plainly(text: &str) -> Value {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        read_tree(&mut deserializer, Syntax::Json, None).unwrap().0
    }

    fn spec(version: &str, schemas: &str) -> String {
        format!(
            r#"{{"components": {{"schemas": {schemas}}}, "openapi": "{version}", "info": {{"title": "t", "version": "1"}}, "paths": {{}}}}"#
        )
    }

    const SCHEMAS: &str = r##"{
        "Pet": {"type": "object", "properties": {"name": {"type": "string"}, "tag": {"$ref": "#/components/schemas/Tag"}}},
        "Broken": {"type": 7},
        "Tag": {"type": "string", "enum": ["a", "b"]}
    }"##;

    #[test]
    fn early_reads_are_what_reading_after_the_parse_gives() {
        let text = spec("3.0.3", SCHEMAS);
        let (root, reads) = parse_reading_early(&text);
        assert_eq!(
            root,
            parse_plainly(&text),
            "every value is back in its place"
        );
        let mut document = parse_document(&text).unwrap();
        document.early_reads = reads;
        let plain = document.clone(); // A clone carries no early reads.
        assert!(plain.early_reads.0.lock().unwrap().is_none());
        assert!(document.early_reads.0.lock().unwrap().is_some());
        let early = read_targets(&document);
        assert!(
            document.early_reads.0.lock().unwrap().is_none(),
            "reading took the early reads"
        );
        let late = read_targets(&plain);
        assert_eq!(format!("{:?}", early.list), format!("{:?}", late.list));
        assert_eq!(early.diagnostics, late.diagnostics);
        assert_eq!(early.diagnostics.len(), 1, "{:?}", early.diagnostics);
    }

    #[test]
    fn a_repeated_schema_key_keeps_its_last_value_and_drops_the_early_reads() {
        let schemas =
            r#"{"A": {"type": "string"}, "B": {"type": "integer"}, "A": {"type": "boolean"}}"#;
        let text = spec("3.0.3", schemas);
        let (root, reads) = parse_reading_early(&text);
        assert_eq!(root, parse_plainly(&text));
        assert_eq!(root["components"]["schemas"]["A"]["type"], "boolean");
        assert!(reads.0.lock().unwrap().is_none());
    }

    #[test]
    fn a_document_not_in_3_0_is_read_after_the_parse() {
        let text = spec("3.1.0", SCHEMAS);
        let (_, reads) = parse_reading_early(&text);
        let mut document = parse_document(&text).unwrap();
        document.early_reads = reads;
        let targets = read_targets(&document);
        assert!(
            document.early_reads.0.lock().unwrap().is_some(),
            "3.1 schemas are not read as 3.0"
        );
        assert_eq!(
            format!("{:?}", targets.list),
            format!("{:?}", read_targets(&document.clone()).list)
        );
    }
}
