//! `gltf_load`: Museion's full glTF import (buffers, vertex conversion, images decoded)
//! against the gltf crate's `gltf::import` (buffers and images decoded one by one) on
//! the same files in the same run.
//!
//! ```text
//! cargo bench -p museion-benches --bench gltf_load
//! ```
//!
//! The models are third-party test data in `../shared/gltf/` beside the checkout.

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use support::{measurement_time, shared_model};

fn gltf_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("gltf_load");
    group.sample_size(if std::env::var_os("CI").is_some() { 10 } else { 20 });
    group.measurement_time(measurement_time(15));
    for (name, file) in [
        ("FlightHelmet", "FlightHelmet/FlightHelmet.gltf"),
        ("DamagedHelmet", "DamagedHelmet/DamagedHelmet.gltf"),
    ] {
        let path = shared_model(file);
        group.bench_function(format!("{name}/museion"), |b| {
            b.iter(|| museion_gltf::import(&path).expect("model imports"))
        });
        group.bench_function(format!("{name}/gltf_crate"), |b| {
            b.iter(|| gltf::import(&path).expect("model imports"))
        });
    }
    group.finish();
}

criterion_group!(benches, gltf_load);
criterion_main!(benches);
