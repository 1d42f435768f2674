//! Measure this machine's main-memory bandwidth the way the culling passes use it on a
//! CPU device.
//!
//! ```text
//! cargo run --release -p museion-examples --example memory_bandwidth -- [--threads N] [--mib N]
//! ```
//!
//! Why: the GPU culling core streams its per-instance arrays (transforms, bounding
//! spheres, group ids, visibility flags) once or twice a frame and does little arithmetic
//! per byte, so at millions of instances it is bound by memory bandwidth. On lavapipe the
//! "GPU" is this CPU: its compute shaders run as JIT-compiled SIMD loops spread over
//! every core. The figures here are the ceiling those passes can reach, to set their
//! targets against (bytes a pass must touch ÷ bandwidth = the least time it can take).
//!
//! How: two buffers of `--mib` MiB of `u32` (512 MiB each by default, far above any
//! cache) are first written in full, so every page is mapped before timing starts. Each
//! test splits the buffers into one contiguous slice per thread (`--threads`, default:
//! every core the OS gives this process), runs under `std::thread::scope`, and is timed
//! from spawn to join, five times; the best run is reported, with the median beside it
//! (on a shared virtual machine the two can differ by half). Bandwidth is bytes the
//! program asks for ÷ time, in GB/s (10⁹ bytes per second):
//!
//! - read: sums every word with eight independent accumulators (one SIMD register's
//!   worth), so loads stream instead of waiting on one add chain; the sum goes through
//!   `black_box` so the loop is not removed. Bytes: the buffer.
//! - write: stores a word derived from the index into every word, with ordinary stores as
//!   a shader's are (not `memset`, which may use non-temporal stores). Bytes: the buffer;
//!   the hardware may also read each line before writing it, which is not counted.
//! - copy: `b[i] = a[i] ^ key` with a key the compiler cannot see, so it stays a plain
//!   load-and-store loop as a shader's would be (not `memcpy`). Bytes: read plus written,
//!   twice the buffer, as STREAM counts its copy.
//!
//! The last line, `read_gbps=… write_gbps=… copy_gbps=…`, is for scripts.

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

/// Repetitions of each test; the fastest counts.
const REPETITIONS: usize = 5;

/// Default size of each buffer, MiB: far above the last-level cache of any current CPU.
const DEFAULT_MIB: usize = 512;

/// Independent accumulators in the read loop: eight `u32` fill one 256-bit register.
const LANES: usize = 8;

/// What to measure with.
struct Options {
    threads: usize,
    mib: usize,
}

fn parse_args() -> anyhow::Result<Options> {
    let mut options = Options {
        threads: thread::available_parallelism().map_or(1, |n| n.get()),
        mib: DEFAULT_MIB,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> anyhow::Result<usize> {
            let text = args
                .next()
                .ok_or_else(|| anyhow::anyhow!("{name} needs a number"))?;
            let n: usize = text.parse().map_err(|e| anyhow::anyhow!("{name} {text}: {e}"))?;
            anyhow::ensure!(n > 0, "{name} must be at least 1");
            Ok(n)
        };
        match arg.as_str() {
            "--threads" => options.threads = value("--threads")?,
            "--mib" => options.mib = value("--mib")?,
            "-h" | "--help" => {
                println!("usage: memory_bandwidth [--threads N] [--mib N]");
                std::process::exit(0);
            }
            other => {
                anyhow::bail!("unknown argument '{other}' (usage: memory_bandwidth [--threads N] [--mib N])")
            }
        }
    }
    Ok(options)
}

/// Runs `work` on one slice of `data` per thread, all at once; returns the wall time.
fn timed_parallel<F>(data: &mut [u32], threads: usize, work: F) -> Duration
where
    F: Fn(usize, &mut [u32]) + Sync,
{
    let chunk = data.len().div_ceil(threads);
    let start = Instant::now();
    thread::scope(|s| {
        for (i, slice) in data.chunks_mut(chunk).enumerate() {
            let work = &work;
            s.spawn(move || work(i * chunk, slice));
        }
    });
    start.elapsed()
}

/// Like [`timed_parallel`] over two buffers of the same length, read from `src` and
/// written to `dst`.
fn timed_parallel_pair<F>(src: &[u32], dst: &mut [u32], threads: usize, work: F) -> Duration
where
    F: Fn(&[u32], &mut [u32]) + Sync,
{
    let chunk = src.len().div_ceil(threads);
    let start = Instant::now();
    thread::scope(|s| {
        for (from, to) in src.chunks(chunk).zip(dst.chunks_mut(chunk)) {
            let work = &work;
            s.spawn(move || work(from, to));
        }
    });
    start.elapsed()
}

/// Sums `words` with [`LANES`] independent accumulators.
fn sum(words: &[u32]) -> u32 {
    let mut lanes = [0u32; LANES];
    let mut blocks = words.chunks_exact(LANES);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block) {
            *lane = lane.wrapping_add(*word);
        }
    }
    let tail = blocks.remainder().iter().fold(0u32, |a, w| a.wrapping_add(*w));
    lanes.iter().fold(tail, |a, l| a.wrapping_add(*l))
}

/// Writes a word derived from its index (and `seed`) into every word of `words`, which
/// starts at index `first` of the whole buffer.
fn fill(first: usize, words: &mut [u32], seed: u32) {
    for (i, word) in words.iter_mut().enumerate() {
        *word = (first + i) as u32 ^ seed;
    }
}

/// GB/s for `bytes` over [`REPETITIONS`] runs of `test`: the best (shortest run) and
/// the median.
fn gbps(bytes: usize, test: impl FnMut(usize) -> Duration) -> (f64, f64) {
    let mut rates: Vec<f64> = (0..REPETITIONS)
        .map(test)
        .map(|t| bytes as f64 / t.as_secs_f64() / 1e9)
        .collect();
    rates.sort_by(f64::total_cmp);
    let best = rates.last().copied().unwrap_or(0.0);
    let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
    (best, median)
}

fn main() -> anyhow::Result<()> {
    let Options { threads, mib } = parse_args()?;
    let words = mib * (1 << 20) / size_of::<u32>();
    let bytes = words * size_of::<u32>();
    println!(
        "{threads} threads, two buffers of {mib} MiB, best and median of {REPETITIONS} (1 GB/s = 1e9 bytes/s)"
    );

    let mut a = vec![0u32; words];
    let mut b = vec![0u32; words];
    // Map every page, from the threads that will use them (first touch).
    timed_parallel(&mut a, threads, |first, w| fill(first, w, 1));
    timed_parallel(&mut b, threads, |first, w| fill(first, w, 2));

    let (read, median) = gbps(bytes, |_| {
        timed_parallel(&mut a, threads, |_, w| {
            black_box(sum(w));
        })
    });
    println!("read : {read:6.2} GB/s, median {median:6.2}  (sum of {mib} MiB)");

    let (write, median) = gbps(bytes, |rep| {
        timed_parallel(&mut b, threads, |first, w| fill(first, w, rep as u32 + 3))
    });
    println!("write: {write:6.2} GB/s, median {median:6.2}  (fill of {mib} MiB)");

    let (copy, median) = gbps(2 * bytes, |_| {
        timed_parallel_pair(&a, &mut b, threads, |from, to| {
            let key = black_box(0u32);
            for (t, f) in to.iter_mut().zip(from) {
                *t = *f ^ key;
            }
        })
    });
    println!("copy : {copy:6.2} GB/s, median {median:6.2}  ({mib} MiB read + {mib} MiB written)");
    black_box((a.first(), b.last()));

    println!("read_gbps={read:.2} write_gbps={write:.2} copy_gbps={copy:.2}");
    Ok(())
}
