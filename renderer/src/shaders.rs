//! The WGSL sources in `shaders/`, and the modules built from them. Shared structs and
//! the BRDF are prepended to the files that use them.

/// `shaders/shared.wgsl`: structs shared with Rust.
pub const SHARED: &str = include_str!("../../shaders/shared.wgsl");
/// `shaders/brdf.wgsl`: the glTF BRDF.
pub const BRDF: &str = include_str!("../../shaders/brdf.wgsl");
/// `shaders/pbr.wgsl`: the forward PBR pass.
pub const PBR: &str = include_str!("../../shaders/pbr.wgsl");
/// `shaders/tonemap.wgsl`: exposure and tone mapping.
pub const TONEMAP: &str = include_str!("../../shaders/tonemap.wgsl");
/// `shaders/cull.wgsl`: instance culling.
pub const CULL: &str = include_str!("../../shaders/cull.wgsl");
/// `shaders/commands.wgsl`: indirect command writing.
pub const COMMANDS: &str = include_str!("../../shaders/commands.wgsl");
/// `shaders/hiz.wgsl`: the Hi-Z depth pyramid.
pub const HIZ: &str = include_str!("../../shaders/hiz.wgsl");
/// `shaders/mipmap.wgsl`: mip level generation.
pub const MIPMAP: &str = include_str!("../../shaders/mipmap.wgsl");
/// `shaders/exposure.wgsl`: the automatic exposure's histogram and adaptation.
pub const EXPOSURE: &str = include_str!("../../shaders/exposure.wgsl");

/// `shaders/environment.wgsl`: the image-based lighting bake.
pub const ENVIRONMENT: &str = include_str!("../../shaders/environment.wgsl");
/// `shaders/lighting.wgsl`: environment lookups for the shading passes.
pub const LIGHTING: &str = include_str!("../../shaders/lighting.wgsl");
/// `shaders/skybox.wgsl`: the environment behind everything.
pub const SKYBOX: &str = include_str!("../../shaders/skybox.wgsl");

/// `shaders/ao.wgsl`: screen-space ambient occlusion and its denoise pass.
pub const AO: &str = include_str!("../../shaders/ao.wgsl");

/// `shaders/shadow.wgsl`: shadow map depth.
pub const SHADOW: &str = include_str!("../../shaders/shadow.wgsl");

/// A named shader module source, complete with what it includes.
#[derive(Clone, Debug)]
pub struct ShaderSource {
    /// Label for wgpu and error messages.
    pub name: &'static str,
    /// Complete WGSL.
    pub code: String,
}

/// Every module the renderer compiles.
pub fn all() -> Vec<ShaderSource> {
    vec![
        pbr(),
        tonemap(),
        mipmap(),
        cull(),
        commands(),
        hiz(),
        environment(),
        skybox(),
        shadow(),
        exposure(),
        ambient_occlusion(),
    ]
}

/// The forward PBR module.
pub fn pbr() -> ShaderSource {
    ShaderSource {
        name: "pbr.wgsl",
        code: [SHARED, BRDF, LIGHTING, PBR].concat(),
    }
}

/// The shadow map module.
pub fn shadow() -> ShaderSource {
    ShaderSource {
        name: "shadow.wgsl",
        code: SHADOW.to_owned(),
    }
}

/// The ambient occlusion module.
pub fn ambient_occlusion() -> ShaderSource {
    ShaderSource {
        name: "ao.wgsl",
        code: [SHARED, AO].concat(),
    }
}

/// The environment bake module.
pub fn environment() -> ShaderSource {
    ShaderSource {
        name: "environment.wgsl",
        code: [BRDF, ENVIRONMENT].concat(),
    }
}

/// The skybox module.
pub fn skybox() -> ShaderSource {
    ShaderSource {
        name: "skybox.wgsl",
        code: [SHARED, LIGHTING, SKYBOX].concat(),
    }
}

/// The tone-mapping module.
pub fn tonemap() -> ShaderSource {
    ShaderSource {
        name: "tonemap.wgsl",
        code: [SHARED, TONEMAP].concat(),
    }
}

/// The automatic exposure module.
pub fn exposure() -> ShaderSource {
    ShaderSource {
        name: "exposure.wgsl",
        code: [SHARED, EXPOSURE].concat(),
    }
}

/// The culling module.
pub fn cull() -> ShaderSource {
    ShaderSource {
        name: "cull.wgsl",
        code: [SHARED, CULL].concat(),
    }
}

/// The indirect command module.
pub fn commands() -> ShaderSource {
    ShaderSource {
        name: "commands.wgsl",
        code: [SHARED, COMMANDS].concat(),
    }
}

/// The Hi-Z pyramid module.
pub fn hiz() -> ShaderSource {
    ShaderSource {
        name: "hiz.wgsl",
        code: HIZ.to_owned(),
    }
}

/// The mip generation module.
pub fn mipmap() -> ShaderSource {
    ShaderSource {
        name: "mipmap.wgsl",
        code: MIPMAP.to_owned(),
    }
}

impl ShaderSource {
    /// Compiles the module on `device`.
    pub fn create(&self, device: &wgpu::Device) -> wgpu::ShaderModule {
        device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(self.name),
            source: wgpu::ShaderSource::Wgsl(self.code.as_str().into()),
        })
    }
}
