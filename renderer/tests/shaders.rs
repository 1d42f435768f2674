//! Every WGSL file is parsed and validated with naga (no GPU needed), and every `Gpu*`
//! struct has the size naga computes for its WGSL twin.

use museion_renderer::gpu_types::{
    GpuAoParams, GpuAutoExposure, GpuBatch, GpuCamera, GpuCullView, GpuDrawCommand, GpuDrawGroup,
    GpuExposureState, GpuLight, GpuLighting, GpuMaterial, GpuPipelineGroup, GpuShadowView, GpuTextureSlot,
    GpuTonemap, GpuVertex,
};
use museion_renderer::shaders;

fn parse(name: &str, code: &str) -> naga::Module {
    naga::front::wgsl::parse_str(code).unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(code)))
}

fn validate(name: &str, module: &naga::Module) {
    let mut validator = naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::default(),
    );
    if let Err(e) = validator.validate(module) {
        panic!("{name}: {e:?}");
    }
}

#[test]
fn every_shader_module_parses_and_validates() {
    let all = shaders::all();
    assert_eq!(all.len(), 11);
    for source in all {
        validate(source.name, &parse(source.name, &source.code));
    }
    // The self-contained files on their own too.
    for (name, code) in [
        ("shared.wgsl", shaders::SHARED),
        ("brdf.wgsl", shaders::BRDF),
        ("mipmap.wgsl", shaders::MIPMAP),
    ] {
        validate(name, &parse(name, code));
    }
}

#[test]
fn every_file_in_the_shader_folder_is_compiled_by_the_renderer() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shaders");
    let used = [
        shaders::SHARED,
        shaders::BRDF,
        shaders::PBR,
        shaders::TONEMAP,
        shaders::MIPMAP,
        shaders::CULL,
        shaders::COMMANDS,
        shaders::HIZ,
        shaders::ENVIRONMENT,
        shaders::LIGHTING,
        shaders::SKYBOX,
        shaders::SHADOW,
        shaders::EXPOSURE,
        shaders::AO,
    ];
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "wgsl") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                used.contains(&text.as_str()),
                "{} is not used by the renderer",
                path.display()
            );
        }
    }
}

/// The size naga gives the WGSL struct `name` in a module with the shared structs.
fn wgsl_size(name: &str) -> u32 {
    let module = parse("shared.wgsl", shaders::SHARED);
    let mut layouter = naga::proc::Layouter::default();
    layouter.update(module.to_ctx()).expect("shared.wgsl lays out");
    let (handle, _) = module
        .types
        .iter()
        .find(|(_, ty)| ty.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no struct {name} in shared.wgsl"));
    layouter[handle].size
}

#[test]
fn gpu_structs_match_their_wgsl_layout() {
    assert_eq!(size_of::<GpuCamera>() as u32, wgsl_size("Camera"));
    assert_eq!(size_of::<GpuDrawGroup>() as u32, wgsl_size("DrawGroup"));
    assert_eq!(size_of::<GpuBatch>() as u32, wgsl_size("Batch"));
    assert_eq!(size_of::<GpuPipelineGroup>() as u32, wgsl_size("PipelineGroup"));
    assert_eq!(size_of::<GpuDrawCommand>() as u32, wgsl_size("DrawCommand"));
    assert_eq!(
        size_of::<GpuDrawCommand>(),
        20,
        "DrawIndexedIndirect is five words"
    );
    assert_eq!(size_of::<GpuCullView>() as u32, wgsl_size("CullView"));
    assert_eq!(size_of::<GpuTextureSlot>() as u32, wgsl_size("TextureSlot"));
    assert_eq!(size_of::<GpuMaterial>() as u32, wgsl_size("Material"));
    assert_eq!(size_of::<GpuLight>() as u32, wgsl_size("Light"));
    assert_eq!(size_of::<GpuTonemap>() as u32, wgsl_size("Tonemap"));
    assert_eq!(size_of::<GpuExposureState>() as u32, wgsl_size("ExposureState"));
    assert_eq!(size_of::<GpuAutoExposure>() as u32, wgsl_size("AutoExposure"));
    assert_eq!(size_of::<GpuLighting>() as u32, wgsl_size("Lighting"));
    assert_eq!(size_of::<GpuShadowView>() as u32, wgsl_size("ShadowView"));
    assert_eq!(size_of::<GpuAoParams>() as u32, wgsl_size("AoParams"));
}

#[test]
fn the_vertex_layout_matches_the_shader_inputs() {
    let module = parse("pbr.wgsl", &shaders::pbr().code);
    let (_, ty) = module
        .types
        .iter()
        .find(|(_, ty)| ty.name.as_deref() == Some("VertexIn"))
        .unwrap();
    let naga::TypeInner::Struct { members, .. } = &ty.inner else {
        panic!("VertexIn is a struct")
    };
    let locations: Vec<u32> = members
        .iter()
        .map(|m| match m.binding {
            Some(naga::Binding::Location { location, .. }) => location,
            _ => panic!("VertexIn members have locations"),
        })
        .collect();
    let attributes: Vec<u32> = GpuVertex::LAYOUT
        .attributes
        .iter()
        .map(|a| a.shader_location)
        .collect();
    assert_eq!(locations, attributes);
    assert_eq!(GpuVertex::LAYOUT.array_stride, 72);
}

#[test]
fn the_histogram_has_as_many_bins_in_wgsl_as_in_rust() {
    let module = parse("exposure.wgsl", &shaders::exposure().code);
    let (_, constant) = module
        .constants
        .iter()
        .find(|(_, c)| c.name.as_deref() == Some("HISTOGRAM_BINS"))
        .expect("exposure.wgsl defines HISTOGRAM_BINS");
    match module.global_expressions[constant.init] {
        naga::Expression::Literal(naga::Literal::U32(bins)) => {
            assert_eq!(bins, museion_renderer::exposure::HISTOGRAM_BINS);
        }
        ref other => panic!("HISTOGRAM_BINS is {other:?}"),
    }
}
