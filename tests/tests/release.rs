//! `parallel::release` and `release_here` free what they are given until the process declares
//! that its exit reclaims memory, and leave it alone after. Its own test binary: the declaration
//! is process-wide and would change what the other tests' releases do.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use oas_parser::parallel::{exit_reclaims_memory, release, release_here};

/// Counts its drops.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Waits (ten seconds at most) until `drops` reaches `count`.
fn reaches(drops: &AtomicUsize, count: usize) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while drops.load(Ordering::SeqCst) < count {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    true
}

#[test]
fn values_are_freed_until_the_exit_is_declared_to_reclaim_them() {
    let drops = Arc::new(AtomicUsize::new(0));
    release_here(Counted(drops.clone()));
    assert_eq!(
        drops.load(Ordering::SeqCst),
        1,
        "release_here drops at once"
    );
    release(Counted(drops.clone()));
    assert!(reaches(&drops, 2), "release drops on another thread");

    exit_reclaims_memory();
    release_here(Counted(drops.clone()));
    release(Counted(drops.clone()));
    // The first `release` dropped within this much on its thread; a drop handed to a thread now
    // would most likely show too.
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(
        drops.load(Ordering::SeqCst),
        2,
        "both are left for the exit"
    );
}
