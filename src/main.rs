//! The `tonvinh` binary: parse arguments, run, map the outcome to an exit code.

/// mimalloc instead of the system allocator: rendering makes and drops many small
/// strings, and glibc's malloc took a sixth of a build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// On Linux the allocator is tuned by a constructor, before the standard library's
/// start-up makes the first allocation (see [`tune_allocator`]).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

fn main() -> std::process::ExitCode {
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
    #[cfg(windows)]
    utf8_console();
    tonvinh::cli::run()
}

/// Vietnamese in Windows consoles (cmd.exe, PowerShell). Written to a console, Rust's
/// standard library converts text to UTF-16 and every letter shows whatever the code
/// page. Written to a pipe, the text stays UTF-8, and a console program that shows
/// it (`tonvinh check | more`) decodes it with the console's code page (437, 850,
/// 1258…): "lá»—i" for "lỗi". So when output is redirected, the console is switched to
/// UTF-8 and left so: the reader of the pipe may print after tonvinh has exited.
/// (PowerShell 5 decodes a native program's output with `[Console]::OutputEncoding`,
/// read before the program starts: docs/cai-dat.md says how to set it.)
#[cfg(windows)]
fn utf8_console() {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stderr().is_terminal() {
        return;
    }
    // SAFETY: sets a property of the console this process is attached to; it fails
    // harmlessly (returns 0) when there is none.
    unsafe {
        windows_sys::Win32::System::Console::SetConsoleOutputCP(
            windows_sys::Win32::Globalization::CP_UTF8,
        );
    }
}

/// Keeps the peak memory near what is in use, measured with `bench/run.sh`:
/// - arena memory is committed as it is used;
/// - freed pages go back to the system after a second, not 10 ms: a build frees and
///   reuses memory all the time, and each page given back costs a fault to reuse;
/// - no transparent huge pages: a build's heap grows in small steps, and a huge page
///   is 2 MB zeroed at its first touch however little of it is used (1,000 profiles:
///   35 MB instead of 65 MB, and no slow outliers; 10,000: 175 MB instead of 183 MB).
///   This must hold from the first allocation: the standard library's start-up,
///   before `main`, made mimalloc set up its first arena on a huge page, two of
///   them per build (zeroing them was 4% of a 1,000-profile build's CPU time).
///
/// - nothing given back at exit: mimalloc's exit handler would purge every freed page
///   (a system call and a TLB flush on every core for each run of them), for the
///   system to take the whole address space back a moment later (1,000 profiles:
///   275 `madvise` calls a build before, 10 after).
///
/// The settings override `MIMALLOC_ARENA_EAGER_COMMIT`, `MIMALLOC_PURGE_DELAY`,
/// `MIMALLOC_ALLOW_THP` and `MIMALLOC_DESTROY_ON_EXIT`.
extern "C" fn tune_allocator() {
    // mimalloc v3's `mi_option_e`.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // Above 1, the exit handler returns at once (`_mi_auto_process_done`).
    const DESTROY_ON_EXIT: libmimalloc_sys::mi_option_t = 22;
    const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;
    // SAFETY: runs before any other thread exists (`mi_option_set` is not thread
    // safe): as a constructor on Linux, first thing in `main` elsewhere.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 1000);
        libmimalloc_sys::mi_option_set(ALLOW_THP, 0);
        libmimalloc_sys::mi_option_set(DESTROY_ON_EXIT, 2);
    }
    // The process-wide switch, in case mimalloc read its options before this ran.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
