//! The `tonvinh` binary: parse arguments, run, map the outcome to an exit code.

/// mimalloc instead of the system allocator: rendering makes and drops many small
/// strings, and glibc's malloc took a sixth of a build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tune_allocator();
    tonvinh::cli::run()
}

/// Keeps the peak memory near what is in use, measured with `bench/run.sh`:
/// - arena memory is committed as it is used;
/// - freed pages go back to the system after a second, not 10 ms: a build frees and
///   reuses memory all the time, and each page given back costs a fault to reuse;
/// - no transparent huge pages: a build's heap grows in small steps, and a huge page
///   is 2 MB zeroed at its first touch however little of it is used (1,000 profiles:
///   35 MB instead of 65 MB, and no slow outliers; 10,000: 175 MB instead of 183 MB).
///
/// The settings override `MIMALLOC_ARENA_EAGER_COMMIT` and `MIMALLOC_PURGE_DELAY`.
fn tune_allocator() {
    // mimalloc's `mi_option_e` (the same in v2 and v3).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: called first thing in `main`, before any other thread exists
    // (`mi_option_set` is not thread safe).
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 1000);
    }
    // mimalloc asks for huge pages on its arenas before `main` runs; the process-wide
    // switch holds for every page touched from now on.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
