//! Running independent jobs on every core with results in a fixed order, so that output never
//! depends on timing: the parser reads schemas this way, and `oas-codegen` builds files.
//! Also: giving up large values without making the caller wait for them to be freed.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The stack of each worker thread. Reading a schema nested as deep as the JSON parser allows
/// recurses through serde's buffering at every level, more than the default 2 MiB holds in a
/// debug build; the memory is only reserved, not used, until a walk goes that deep.
const WORKER_STACK: usize = 64 << 20;

/// The number of threads to use when the caller does not say: every core. Asked once per process:
/// the standard library reads the cgroup's CPU quota files on every call.
pub fn all_cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Set by [`exit_reclaims_memory`].
static EXIT_RECLAIMS: AtomicBool = AtomicBool::new(false);

/// Declares that this process exits as soon as its work is done (the `oasgen` command), so that
/// what [`release`] and [`release_here`] are given is left for the exit, which unmaps the whole
/// heap at once, instead of being freed allocation by allocation (on Ory's spec, ≈ 4 ms of CPU).
/// Call it from a command's `main` only: in a library or a long-running process the memory would
/// never be reused.
pub fn exit_reclaims_memory() {
    EXIT_RECLAIMS.store(true, Ordering::Relaxed);
}

/// Gives up a large value (a parsed document, the IR): left for the process exit after
/// [`exit_reclaims_memory`]; otherwise dropped on a thread of its own, which nobody waits for,
/// since freeing a tree of small allocations takes milliseconds that the caller can spend on the
/// next step. Should the thread not start, the value is dropped here.
pub fn release<T: Send + 'static>(value: T) {
    if EXIT_RECLAIMS.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        let _ = std::thread::Builder::new().spawn(move || drop(value));
    }
}

/// [`release`] for a value that borrows (the plan) and so cannot move to another thread: left
/// for the process exit after [`exit_reclaims_memory`], dropped here otherwise.
pub fn release_here<T>(value: T) {
    if EXIT_RECLAIMS.load(Ordering::Relaxed) {
        std::mem::forget(value);
    }
}

/// Applies `job` to every item on `threads` worker threads (at least one, whatever the caller's
/// stack) and returns the results in the order of `items`. Threads take the next unstarted item
/// when they finish one, so a few large items do not leave a core idle.
pub fn map_in_order<'a, T, R, F>(items: &'a [T], threads: usize, job: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&'a T) -> R + Sync,
{
    let threads = threads.clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, job(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| spawn_worker(scope, work).expect("a worker thread starts"))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a worker thread panicked"))
            .collect()
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Starts `work` on a thread of `scope`, with the stack a worker needs; `None` when the system
/// refuses a thread.
pub(crate) fn spawn_worker<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Option<std::thread::ScopedJoinHandle<'scope, T>> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn_scoped(scope, work)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let slow_then_fast = |n: &u64| {
            if n % 97 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            n * 3
        };
        let expected: Vec<u64> = items.iter().map(|n| n * 3).collect();
        for threads in [0, 1, 2, 7, 32] {
            assert_eq!(map_in_order(&items, threads, slow_then_fast), expected);
        }
        // More threads than items: one per item.
        assert_eq!(map_in_order(&items[..3], 5000, slow_then_fast), [0, 3, 6]);
        assert!(map_in_order(&[] as &[u64], 4, slow_then_fast).is_empty());
    }
}
