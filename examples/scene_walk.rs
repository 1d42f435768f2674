//! Load a glTF file, walk its scene graph, and cull its mesh instances against a camera.
//!
//! ```text
//! cargo run -p museion-examples --example scene_walk -- ../shared/gltf/FlightHelmet/FlightHelmet.gltf
//! ```

use museion::gltf;
use museion::scene::Frustum;
use museion::scene::glam::Vec3;
use museion::scene::glam::camera::rh::{proj::directx, view::look_at_mat4};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: scene_walk FILE.gltf|FILE.glb"))?;
    let imported = gltf::import(&path)?;
    let scene = &imported.scene;

    // The hierarchy, parents before children.
    for (id, world) in scene.world_nodes() {
        let node = scene.node(id).expect("world_nodes yields live nodes");
        let mut depth = 0;
        let mut parent = node.parent();
        while let Some(p) = parent {
            depth += 1;
            parent = scene.node(p).and_then(|n| n.parent());
        }
        let name = node.name.as_deref().unwrap_or("(unnamed)");
        let at = world.transform_point3(Vec3::ZERO);
        println!("{:indent$}{name} at {at:.3}", "", indent = depth * 2);
    }

    // Frame the scene from the front and count what a camera there would draw.
    let stats = scene.stats();
    let center = stats.bounds.center();
    let radius = stats.bounds.half_extents().length().max(1e-3);
    let eye = center + Vec3::new(0.0, 0.0, radius * 2.5);
    let view = look_at_mat4(eye, center, Vec3::Y);
    let projection = directx::perspective(45f32.to_radians(), 16.0 / 9.0, radius * 0.01, radius * 10.0);
    let frustum = Frustum::from_view_projection(&(projection * view));
    let total = scene.instances().count();
    let visible = scene
        .instances()
        .filter(|i| frustum.intersects_aabb(&i.bounds.aabb))
        .count();
    println!(
        "{visible} of {total} primitive instances are in view; {} triangles in the scene",
        stats.triangles
    );
    Ok(())
}
