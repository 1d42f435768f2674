//! The WGSL modules in `shaders/`, composed with naga_oil.
//!
//! Shared modules name themselves with `#define_import_path museion::<name>`; entry
//! modules (and shared modules that build on others) `#import` the items they use.
//! [`ShaderSource::create`] composes an entry module with the shared modules into one
//! naga module and hands that to wgpu: no WGSL text is pasted together or rewritten.
//! `shaders/README.md` lists the modules.

pub mod constants;
#[cfg(test)]
mod mirror_tests;
#[cfg(test)]
mod tests;

use naga_oil::compose::{ComposableModuleDescriptor, Composer, NagaModuleDescriptor, ShaderDefValue};
use std::borrow::Cow;
use wgpu::naga;

/// A WGSL file of `shaders/`.
#[derive(Clone, Copy, Debug)]
pub struct ShaderSource {
    /// File name, for wgpu labels and error messages.
    pub name: &'static str,
    /// The file's text, with its `#import` directives.
    pub code: &'static str,
}

/// The file `shaders/$file`.
macro_rules! wgsl {
    ($file:literal) => {
        ShaderSource {
            name: $file,
            code: include_str!(concat!("../../../../shaders/", $file)),
        }
    };
}

/// The shared modules, each after the modules it imports (naga_oil resolves an import
/// only from a module added before it).
pub const SHARED_MODULES: [ShaderSource; 6] = [
    wgsl!("constants.wgsl"),
    wgsl!("math.wgsl"),
    wgsl!("shared.wgsl"),
    wgsl!("fullscreen.wgsl"),
    wgsl!("brdf.wgsl"),
    wgsl!("lighting.wgsl"),
];

/// Every entry module the renderer compiles (the tests go through them).
#[cfg(test)]
pub fn all() -> [ShaderSource; 14] {
    [
        bake_probes(),
        clusters(),
        deform(),
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

/// The light bake's path tracer (museion-bake-gpu).
pub fn bake_probes() -> ShaderSource {
    wgsl!("bake_probes.wgsl")
}

/// The forward PBR module (also the ambient occlusion prepass).
pub fn pbr() -> ShaderSource {
    wgsl!("pbr.wgsl")
}

/// The shadow map module.
pub fn shadow() -> ShaderSource {
    wgsl!("shadow.wgsl")
}

/// The ambient occlusion module.
pub fn ambient_occlusion() -> ShaderSource {
    wgsl!("ao.wgsl")
}

/// The environment bake module.
pub fn environment() -> ShaderSource {
    wgsl!("environment.wgsl")
}

/// The skybox module.
pub fn skybox() -> ShaderSource {
    wgsl!("skybox.wgsl")
}

/// The tone-mapping module.
pub fn tonemap() -> ShaderSource {
    wgsl!("tonemap.wgsl")
}

/// The automatic exposure module.
pub fn exposure() -> ShaderSource {
    wgsl!("exposure.wgsl")
}

/// The culling module.
pub fn cull() -> ShaderSource {
    wgsl!("cull.wgsl")
}

/// The indirect command module.
pub fn commands() -> ShaderSource {
    wgsl!("commands.wgsl")
}

/// The Hi-Z pyramid module.
pub fn hiz() -> ShaderSource {
    wgsl!("hiz.wgsl")
}

/// The deformation (skinning and morphing) module.
pub fn deform() -> ShaderSource {
    wgsl!("deform.wgsl")
}

/// The light cluster module (lights assigned to the clusters of the view).
pub fn clusters() -> ShaderSource {
    wgsl!("clusters.wgsl")
}

/// The mip generation module.
pub fn mipmap() -> ShaderSource {
    wgsl!("mipmap.wgsl")
}

impl ShaderSource {
    /// This module with the shared modules it imports, as one validated naga module; or
    /// the composer's report of what is wrong, with file and line.
    pub fn compose(&self) -> Result<naga::Module, String> {
        self.compose_with(&[])
    }

    /// [`ShaderSource::compose`] with the shader definitions `defs` set (`#ifdef NAME`).
    pub fn compose_with(&self, defs: &[&str]) -> Result<naga::Module, String> {
        let mut composer = Composer::default();
        for shared in SHARED_MODULES {
            let added = composer.add_composable_module(ComposableModuleDescriptor {
                source: shared.code,
                file_path: shared.name,
                ..Default::default()
            });
            if let Err(e) = added {
                return Err(e.emit_to_string(&composer));
            }
        }
        composer
            .make_naga_module(NagaModuleDescriptor {
                source: self.code,
                file_path: self.name,
                shader_defs: defs
                    .iter()
                    .map(|name| (name.to_string(), ShaderDefValue::Bool(true)))
                    .collect(),
                ..Default::default()
            })
            .map_err(|e| e.emit_to_string(&composer))
    }

    /// Compiles the module on `device`.
    ///
    /// # Panics
    ///
    /// If the module does not compose. The sources are built into the crate, and a test
    /// composes every one of them.
    pub fn create(&self, device: &wgpu::Device) -> wgpu::ShaderModule {
        self.create_with(device, &[])
    }

    /// [`ShaderSource::create`] with the shader definitions `defs` set.
    ///
    /// # Panics
    ///
    /// If the module does not compose with them.
    pub fn create_with(&self, device: &wgpu::Device, defs: &[&str]) -> wgpu::ShaderModule {
        let module = self
            .compose_with(defs)
            .unwrap_or_else(|report| panic!("{} does not compose:\n{report}", self.name));
        device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(self.name),
            source: wgpu::ShaderSource::Naga(Cow::Owned(module)),
        })
    }
}
