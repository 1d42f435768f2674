//! The GPU: adapter choice, device, queue, and what the renderer needs from them.

use crate::error::{GpuError, Result};
use std::sync::{Arc, Mutex};

/// Optional features used when the adapter has them. `TEXTURE_COMPRESSION_BC` keeps
/// Basis Universal textures (transcoded to BCn at import) compressed on the GPU;
/// without it they are decoded to RGBA8.
const OPTIONAL_FEATURES: wgpu::Features = wgpu::Features::MULTI_DRAW_INDIRECT_COUNT
    .union(wgpu::Features::TEXTURE_COMPRESSION_BC)
    .union(wgpu::Features::INDIRECT_FIRST_INSTANCE)
    .union(wgpu::Features::TIMESTAMP_QUERY)
    .union(wgpu::Features::TIMESTAMP_QUERY_INSIDE_ENCODERS)
    .union(wgpu::Features::PIPELINE_STATISTICS_QUERY);

/// The environment variable that forces an adapter: `discrete`, `integrated`, `cpu`,
/// `virtual`, or part of an adapter's name (case-insensitive).
pub const ADAPTER_ENV: &str = "MUSEION_ADAPTER";

/// The device and queue the renderer draws with, and what the adapter offers.
#[derive(Clone, Debug)]
pub struct GpuContext {
    /// The wgpu instance (needed to create window surfaces).
    pub instance: wgpu::Instance,
    /// The chosen adapter.
    pub adapter: wgpu::Adapter,
    /// The device.
    pub device: wgpu::Device,
    /// The device's queue.
    pub queue: wgpu::Queue,
    /// Name, backend and type of the adapter.
    pub info: wgpu::AdapterInfo,
    /// Set when the device is lost (see [`GpuContext::is_lost`]), with the driver's words.
    lost: Arc<Mutex<Option<String>>>,
}

/// How good an adapter is for us: discrete, then integrated, then virtual, then CPU;
/// native APIs before OpenGL.
fn rank(device_type: wgpu::DeviceType, backend: wgpu::Backend) -> (u8, u8) {
    let kind = match device_type {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Cpu => 3,
        wgpu::DeviceType::Other => 4,
    };
    let api = match backend {
        wgpu::Backend::Vulkan | wgpu::Backend::Metal | wgpu::Backend::Dx12 => 0,
        _ => 1,
    };
    (kind, api)
}

fn matches_request(name: &str, device_type: wgpu::DeviceType, request: &str) -> bool {
    let request = request.to_lowercase();
    match request.as_str() {
        "discrete" => device_type == wgpu::DeviceType::DiscreteGpu,
        "integrated" => device_type == wgpu::DeviceType::IntegratedGpu,
        "cpu" => device_type == wgpu::DeviceType::Cpu,
        "virtual" => device_type == wgpu::DeviceType::VirtualGpu,
        _ => name.to_lowercase().contains(&request),
    }
}

/// What WebGPU guarantees and `flags` lacks (an OpenGL adapter lacks some: compute, view
/// formats, indirect draws), by name in lower case.
fn check_downlevel(flags: wgpu::DownlevelFlags) -> Vec<String> {
    (wgpu::DownlevelFlags::compliant() - flags)
        .iter_names()
        .map(|(name, _)| name.to_lowercase().replace('_', " "))
        .collect()
}

/// The limits the renderer relies on beyond WebGPU's defaults.
fn check_limits(limits: &wgpu::Limits) -> Vec<String> {
    let mut missing = Vec::new();
    let defaults = wgpu::Limits::default();
    let mut need = |name: &str, have: u64, want: u64| {
        if have < want {
            missing.push(format!("{name} {have} (needs {want})"));
        }
    };
    need(
        "max_storage_buffers_per_shader_stage",
        u64::from(limits.max_storage_buffers_per_shader_stage),
        // The deformation pass's vertex pool, data, joints, weights and jobs.
        5,
    );
    need(
        "max_sampled_textures_per_shader_stage",
        u64::from(limits.max_sampled_textures_per_shader_stage),
        // The material's 17 texture slots and the lighting's 8 textures.
        25,
    );
    need(
        "max_samplers_per_shader_stage",
        u64::from(limits.max_samplers_per_shader_stage),
        // The core slots' 5, one per extension (6), and the lighting's 2.
        13,
    );
    need(
        "max_texture_dimension_2d",
        u64::from(limits.max_texture_dimension_2d),
        u64::from(defaults.max_texture_dimension_2d),
    );
    need("max_bind_groups", u64::from(limits.max_bind_groups), 2);
    missing
}

impl GpuContext {
    /// Chooses an adapter (see [`ADAPTER_ENV`]), logs which, and creates the device.
    /// `surface`, when given, restricts the choice to adapters that can present to it.
    pub fn new(surface: Option<&wgpu::Surface<'_>>) -> Result<Self> {
        Self::with_instance(Self::instance(), surface)
    }

    /// A wgpu instance on the native APIs (Vulkan, Metal, DX12), or on OpenGL when the
    /// machine has none of those (probing OpenGL first costs time and log noise).
    /// `WGPU_BACKEND` overrides the choice.
    pub fn instance() -> wgpu::Instance {
        let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
        if wgpu::Backends::from_env().is_none() {
            descriptor.backends = wgpu::Backends::PRIMARY;
            let native = wgpu::Instance::new(descriptor);
            if !pollster::block_on(native.enumerate_adapters(wgpu::Backends::PRIMARY)).is_empty() {
                return native;
            }
            let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
            descriptor.backends = wgpu::Backends::GL;
            return wgpu::Instance::new(descriptor);
        }
        wgpu::Instance::new(descriptor)
    }

    /// Like [`GpuContext::new`], with an instance the caller made (a windowed app makes
    /// its instance first, to create the surface with it).
    pub fn with_instance(instance: wgpu::Instance, surface: Option<&wgpu::Surface<'_>>) -> Result<Self> {
        let request = std::env::var(ADAPTER_ENV).ok().filter(|r| !r.trim().is_empty());
        let mut adapters: Vec<wgpu::Adapter> =
            pollster::block_on(instance.enumerate_adapters(wgpu::Backends::all()))
                .into_iter()
                .filter(|a| surface.is_none_or(|s| a.is_surface_supported(s)))
                .filter(|a| {
                    let info = a.get_info();
                    request
                        .as_deref()
                        .is_none_or(|r| matches_request(&info.name, info.device_type, r))
                })
                .collect();
        adapters.sort_by_key(|a| {
            let info = a.get_info();
            rank(info.device_type, info.backend)
        });
        let Some(adapter) = adapters.into_iter().next() else {
            let detail = match &request {
                Some(r) => format!(" matching {ADAPTER_ENV}={r:?}"),
                None if surface.is_some() => " that can present to the window".into(),
                None => String::new(),
            };
            return Err(GpuError::NoAdapter { detail });
        };
        let info = adapter.get_info();
        log::info!(
            "GPU: {} ({:?}, {:?}, driver {} {})",
            info.name,
            info.device_type,
            info.backend,
            info.driver,
            info.driver_info
        );
        let limits = adapter.limits();
        let mut missing = check_downlevel(adapter.get_downlevel_capabilities().flags);
        missing.extend(check_limits(&limits));
        if !missing.is_empty() {
            return Err(GpuError::Unsupported {
                adapter: info.name.clone(),
                missing: missing.join(", "),
            });
        }
        let features = adapter.features() & OPTIONAL_FEATURES;
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("museion device"),
            required_features: features,
            required_limits: limits,
            ..Default::default()
        }))
        .map_err(|source| GpuError::Device {
            adapter: info.name.clone(),
            source,
        })?;
        Ok(Self::assemble(instance, adapter, device, queue, info))
    }

    /// The context, watching its device for loss.
    fn assemble(
        instance: wgpu::Instance,
        adapter: wgpu::Adapter,
        device: wgpu::Device,
        queue: wgpu::Queue,
        info: wgpu::AdapterInfo,
    ) -> Self {
        let lost = Arc::new(Mutex::new(None));
        let flag = Arc::clone(&lost);
        device.set_device_lost_callback(move |reason, message| {
            log::warn!(
                "GPU device lost ({reason:?}){}",
                if message.is_empty() {
                    String::new()
                } else {
                    format!(": {message}")
                }
            );
            if let Ok(mut lost) = flag.lock() {
                *lost = Some(message);
            }
        });
        Self {
            instance,
            adapter,
            device,
            queue,
            info,
            lost,
        }
    }

    /// Whether the device has been lost. wgpu says so when it next polls the device
    /// (every readback and [`GpuContext::wait_idle`] does; so does
    /// [`GpuContext::check_lost`]), and from then on everything done with it does
    /// nothing: make a new context and upload again.
    pub fn is_lost(&self) -> bool {
        self.heard_lost().is_err()
    }

    /// Polls the device without waiting and returns [`GpuError::DeviceLost`] if it is
    /// lost: a cheap check at the start of a frame.
    pub fn check_lost(&self) -> Result<()> {
        // The result of a non-blocking poll says nothing the lost flag does not.
        let _ = self.device.poll(wgpu::PollType::Poll);
        self.heard_lost()
    }

    /// [`GpuError::DeviceLost`] if wgpu has said the device is lost (without polling).
    fn heard_lost(&self) -> Result<()> {
        match self.lost.lock() {
            Ok(lost) => match lost.as_ref() {
                Some(message) => Err(GpuError::DeviceLost {
                    message: message.clone(),
                }),
                None => Ok(()),
            },
            Err(_) => Err(GpuError::DeviceLost {
                message: String::new(),
            }),
        }
    }

    /// Wraps a device an application created itself (to render into its textures).
    /// The device must have the limits the renderer needs: WebGPU's defaults, and 23
    /// sampled textures and 13 samplers per shader stage (every native adapter has them;
    /// request `adapter.limits()`).
    pub fn from_parts(
        instance: wgpu::Instance,
        adapter: wgpu::Adapter,
        device: wgpu::Device,
        queue: wgpu::Queue,
    ) -> Result<Self> {
        let info = adapter.get_info();
        let missing = check_limits(&device.limits());
        if !missing.is_empty() {
            return Err(GpuError::Unsupported {
                adapter: info.name,
                missing: missing.join(", "),
            });
        }
        Ok(Self::assemble(instance, adapter, device, queue, info))
    }

    /// Blocks until the GPU has finished everything submitted so far.
    pub fn wait_idle(&self) -> Result<()> {
        let polled = self.device.poll(wgpu::PollType::wait_indefinitely());
        // That poll has heard of a loss if there was one: no second poll.
        self.heard_lost()?;
        polled.map(drop).map_err(|e| GpuError::Readback(e.to_string()))
    }

    /// True when the device was created with `feature`.
    pub fn has(&self, feature: wgpu::Features) -> bool {
        self.device.features().contains(feature)
    }

    /// The anisotropic filtering to use: 16× on GPUs; none on CPU adapters, where
    /// software anisotropic sampling costs hundreds of times more (lavapipe: 240 s
    /// instead of 0.7 s for DamagedHelmet at 160×120).
    pub fn max_anisotropy(&self) -> u16 {
        if self.info.device_type == wgpu::DeviceType::Cpu {
            1
        } else {
            16
        }
    }

    /// A one-line description of the adapter, for logs and benchmark output.
    pub fn adapter_name(&self) -> String {
        format!(
            "{} ({:?}, {:?})",
            self.info.name, self.info.device_type, self.info.backend
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wgpu::{Backend, DeviceType};

    #[test]
    fn an_adapter_short_of_webgpu_names_what_it_lacks() {
        assert!(check_downlevel(wgpu::DownlevelFlags::compliant()).is_empty());
        let gl_like = wgpu::DownlevelFlags::compliant()
            - wgpu::DownlevelFlags::VIEW_FORMATS
            - wgpu::DownlevelFlags::COMPUTE_SHADERS;
        assert_eq!(check_downlevel(gl_like), ["compute shaders", "view formats"]);
        let error = GpuError::Unsupported {
            adapter: "GL".into(),
            missing: check_downlevel(gl_like).join(", "),
        };
        let text = error.to_string();
        assert!(text.contains("lacks compute shaders, view formats"), "{text}");
        assert!(text.contains("mesa-vulkan-drivers"), "{text}");
    }

    #[test]
    fn discrete_gpus_rank_first_and_native_apis_before_gl() {
        let mut all = [
            ("llvmpipe gl", DeviceType::Cpu, Backend::Gl),
            ("llvmpipe vk", DeviceType::Cpu, Backend::Vulkan),
            ("Iris", DeviceType::IntegratedGpu, Backend::Vulkan),
            ("GeForce", DeviceType::DiscreteGpu, Backend::Vulkan),
        ];
        all.sort_by_key(|(_, kind, backend)| rank(*kind, *backend));
        assert_eq!(
            all.map(|(name, ..)| name),
            ["GeForce", "Iris", "llvmpipe vk", "llvmpipe gl"]
        );
        assert!(matches_request("llvmpipe", DeviceType::Cpu, "CPU"));
        assert!(matches_request(
            "NVIDIA GeForce RTX",
            DeviceType::DiscreteGpu,
            "geforce"
        ));
        assert!(!matches_request("Iris", DeviceType::IntegratedGpu, "discrete"));
    }
}
