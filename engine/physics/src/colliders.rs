//! Turning [`ColliderSpec`]s into rapier colliders and bodies.

use super::error::PhysicsError;
use super::geometry::{WorldTriangles, subtree_triangles};
use museion_scene::glam::{Mat4, Vec3};
use museion_scene::{BodyKind, ColliderShape, ColliderSpec, NodeId, Scene};
use rapier3d::geometry::ColliderBuilder;
use rapier3d::math::Pose;
use rapier3d::parry::shape::TriMeshFlags;
use std::collections::{HashMap, HashSet};

/// Friction of every collider: a little grippy, so a pushed ball rolls rather than skids.
const FRICTION: f32 = 0.7;
/// Damping of dynamic bodies' spin (per second): stands in for rolling resistance, which
/// rapier does not model, so a pushed ball comes to rest on a flat floor.
const ANGULAR_DAMPING: f32 = 0.8;
/// Damping of dynamic bodies' linear velocity (per second): air drag, small.
const LINEAR_DAMPING: f32 = 0.1;
/// Smallest half-extent or volume (metres, cubic metres) a dynamic body may have: a mass
/// spread over no volume has an infinite density.
const MIN_DYNAMIC_SIZE: f32 = 1.0e-4;

/// What a ray that hits a collider reports: read back through the collider's `user_data`,
/// which is an index into the world's list of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ColliderInfo {
    /// The spec's node.
    pub node: NodeId,
    /// The spec's exhibit.
    pub exhibit: Option<usize>,
}

/// One collider ready to insert.
pub(crate) struct BuiltCollider {
    /// The collider, in world space for static ones, in its body's frame for dynamic ones.
    pub collider: ColliderBuilder,
    /// For dynamic bodies: the body's starting pose and mass.
    pub body: Option<DynamicStart>,
    /// The shape actually built (a dynamic `Mesh` becomes a `ConvexHull`).
    pub shape: ColliderShape,
}

/// Where a dynamic body starts and how its node follows it.
pub(crate) struct DynamicStart {
    /// The body's pose at the start: the centre of the geometry's world box, unrotated.
    pub pose: Pose,
    /// The node's world matrix in the body's frame, so that the node's world matrix is
    /// always `body pose × node_in_body`.
    pub node_in_body: Mat4,
}

/// The spec index of each node, and an error for a node named twice or missing.
pub(crate) fn index_nodes(
    scene: &Scene,
    specs: &[ColliderSpec],
) -> Result<HashMap<NodeId, usize>, PhysicsError> {
    let mut nodes = HashMap::with_capacity(specs.len());
    for (collider, spec) in specs.iter().enumerate() {
        let Some(node) = scene.node(spec.node) else {
            return Err(PhysicsError::UnknownNode {
                collider,
                node: spec.node,
            });
        };
        if let Some(first) = nodes.insert(spec.node, collider) {
            return Err(PhysicsError::DuplicateNode {
                collider,
                first,
                node: spec.node,
                name: node.name.clone(),
            });
        }
    }
    Ok(nodes)
}

/// Builds the collider for `specs[collider]`, leaving out the subtrees of the other specs'
/// nodes (`spec_nodes`).
pub(crate) fn build(
    scene: &Scene,
    specs: &[ColliderSpec],
    collider: usize,
    spec_nodes: &HashSet<NodeId>,
) -> Result<BuiltCollider, PhysicsError> {
    let spec = &specs[collider];
    let name = scene.node(spec.node).and_then(|n| n.name.clone());
    let mut skip = spec_nodes.clone();
    skip.remove(&spec.node);
    let triangles = subtree_triangles(scene, collider, spec.node, &skip)?;
    let bad_shape = |shape, reason: &str| PhysicsError::BadShape {
        collider,
        node: spec.node,
        name: name.clone(),
        shape,
        reason: reason.to_owned(),
    };
    let Some((min, max)) = triangles.bounds() else {
        return Err(PhysicsError::NoTriangles {
            collider,
            node: spec.node,
            name,
        });
    };
    match spec.body {
        BodyKind::Static => {
            let builder =
                static_shape(spec.shape, &triangles, (min, max)).map_err(|r| bad_shape(spec.shape, &r))?;
            Ok(BuiltCollider {
                collider: builder.friction(FRICTION),
                body: None,
                shape: spec.shape,
            })
        }
        BodyKind::Dynamic { mass } => {
            if !(mass.is_finite() && mass > 0.0) {
                return Err(PhysicsError::InvalidMass {
                    collider,
                    node: spec.node,
                    name,
                    mass,
                });
            }
            let shape = match spec.shape {
                ColliderShape::Mesh => {
                    log::warn!(
                        "physics: collider {collider} ({}) is a dynamic triangle mesh, which rapier cannot \
                         simulate; using its convex hull",
                        spec.node
                    );
                    ColliderShape::ConvexHull
                }
                other => other,
            };
            let centre = (min + max) * 0.5;
            let builder = dynamic_shape(shape, &triangles, centre, (max - min) * 0.5)
                .map_err(|r| bad_shape(shape, &r))?;
            let node_world = scene.world_matrix(spec.node).unwrap_or(Mat4::IDENTITY);
            let pose = Pose::from_translation(centre);
            Ok(BuiltCollider {
                collider: builder.friction(FRICTION).mass(mass),
                body: Some(DynamicStart {
                    pose,
                    node_in_body: pose.inverse().to_mat4() * node_world,
                }),
                shape,
            })
        }
    }
}

/// The damping that dynamic bodies are built with: (linear, angular), per second.
pub(crate) fn dynamic_damping() -> (f32, f32) {
    (LINEAR_DAMPING, ANGULAR_DAMPING)
}

/// A fixed shape, in world space.
fn static_shape(
    shape: ColliderShape,
    triangles: &WorldTriangles,
    (min, max): (Vec3, Vec3),
) -> Result<ColliderBuilder, String> {
    match shape {
        ColliderShape::Box => {
            let half = (max - min) * 0.5;
            Ok(ColliderBuilder::cuboid(half.x, half.y, half.z).translation((min + max) * 0.5))
        }
        // Flat geometry gives a flat hull, which is a fine static floor or panel.
        ColliderShape::ConvexHull => ColliderBuilder::convex_hull(&triangles.used_vertices())
            .ok_or_else(|| "parry found no convex hull of its vertices".to_owned()),
        ColliderShape::Mesh => {
            // Merged vertices let parry see which triangles share an edge, so contacts on
            // the shared edges of a flat floor get the floor's normal, not a bump; two-sided
            // because imported walls are often single planes facing either way.
            let flags = TriMeshFlags::FIX_INTERNAL_EDGES_TWO_SIDED;
            ColliderBuilder::trimesh_with_flags(triangles.vertices.clone(), triangles.indices.clone(), flags)
                .map_err(|error| error.to_string())
        }
    }
}

/// A moving shape, in the frame of a body at `centre` (unrotated).
fn dynamic_shape(
    shape: ColliderShape,
    triangles: &WorldTriangles,
    centre: Vec3,
    half: Vec3,
) -> Result<ColliderBuilder, String> {
    let builder = match shape {
        ColliderShape::Box => {
            if half.min_element() < MIN_DYNAMIC_SIZE {
                return Err(format!(
                    "its box {half} (half extents) is flat, so it has no volume to carry a mass"
                ));
            }
            ColliderBuilder::cuboid(half.x, half.y, half.z)
        }
        ColliderShape::ConvexHull | ColliderShape::Mesh => {
            let local: Vec<Vec3> = triangles
                .used_vertices()
                .into_iter()
                .map(|v| v - centre)
                .collect();
            ColliderBuilder::convex_hull(&local)
                .ok_or_else(|| "parry found no convex hull of its vertices".to_owned())?
        }
    };
    // With unit density the mass is the volume.
    let volume = builder.shape.mass_properties(1.0).mass();
    if !(volume.is_finite() && volume > MIN_DYNAMIC_SIZE.powi(3)) {
        return Err(format!("its volume {volume} m³ is too small to carry a mass"));
    }
    Ok(builder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::shapes::{cuboid, uv_sphere};
    use museion_scene::{Mesh, Node, Primitive, Topology, Transform};

    fn scene_with(primitive: Primitive, at: Vec3) -> (Scene, NodeId) {
        let mut scene = Scene::new();
        let mesh = scene.add_mesh(Mesh::new(None, vec![primitive]));
        let node = Node::new()
            .with_name("Thing")
            .with_mesh(mesh)
            .with_transform(Transform::from_translation(at));
        let node = scene.add_node(node, None).expect("root");
        (scene, node)
    }

    fn spec(node: NodeId, shape: ColliderShape, body: BodyKind) -> ColliderSpec {
        ColliderSpec {
            node,
            shape,
            body,
            exhibit: None,
        }
    }

    #[test]
    fn a_dynamic_mesh_becomes_a_convex_hull_around_its_centre() {
        let (scene, node) = scene_with(uv_sphere(12, 6), Vec3::new(1.0, 2.0, 3.0));
        let specs = [spec(node, ColliderShape::Mesh, BodyKind::Dynamic { mass: 3.0 })];
        let built = build(&scene, &specs, 0, &HashSet::from([node])).expect("hull");
        assert_eq!(built.shape, ColliderShape::ConvexHull);
        let start = built.body.expect("dynamic");
        assert!(start.pose.translation.abs_diff_eq(Vec3::new(1.0, 2.0, 3.0), 1e-5));
        // The node sits at the body's centre, so its matrix in the body frame is the identity.
        assert!(start.node_in_body.abs_diff_eq(Mat4::IDENTITY, 1e-5));
        let collider = built.collider.build();
        assert!((collider.mass() - 3.0).abs() < 1e-3, "{}", collider.mass());
    }

    #[test]
    fn flat_geometry_and_bad_masses_are_refused() {
        let quad = Primitive::new(
            Topology::Triangles,
            vec![Vec3::ZERO, Vec3::X, Vec3::new(1.0, 0.0, 1.0), Vec3::Z],
            vec![Vec3::Y; 4],
            vec![0, 2, 1, 0, 3, 2],
        );
        let (scene, node) = scene_with(quad, Vec3::ZERO);
        let nodes = HashSet::from([node]);
        // A flat quad is a fine static floor as any shape …
        for shape in [ColliderShape::Box, ColliderShape::ConvexHull, ColliderShape::Mesh] {
            build(&scene, &[spec(node, shape, BodyKind::Static)], 0, &nodes).expect("static floor");
        }
        // … but has no volume to carry a mass.
        for shape in [ColliderShape::Box, ColliderShape::ConvexHull] {
            let flat = build(
                &scene,
                &[spec(node, shape, BodyKind::Dynamic { mass: 1.0 })],
                0,
                &nodes,
            );
            assert!(matches!(flat, Err(PhysicsError::BadShape { .. })), "{shape:?}");
        }

        let (scene, node) = scene_with(cuboid(Vec3::ONE), Vec3::ZERO);
        for mass in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            let specs = [spec(node, ColliderShape::Box, BodyKind::Dynamic { mass })];
            let result = build(&scene, &specs, 0, &HashSet::from([node]));
            assert!(
                matches!(result, Err(PhysicsError::InvalidMass { .. })),
                "mass {mass}"
            );
        }
    }

    #[test]
    fn unknown_and_duplicate_nodes_are_named() {
        let (mut scene, node) = scene_with(cuboid(Vec3::ONE), Vec3::ZERO);
        let twice = [
            spec(node, ColliderShape::Box, BodyKind::Static),
            spec(node, ColliderShape::Mesh, BodyKind::Static),
        ];
        let error = index_nodes(&scene, &twice).expect_err("named twice");
        assert!(
            matches!(
                error,
                PhysicsError::DuplicateNode {
                    collider: 1,
                    first: 0,
                    ..
                }
            ),
            "{error}"
        );
        scene.remove_node(node).expect("remove");
        let error = index_nodes(&scene, &twice[..1]).expect_err("removed");
        assert_eq!(error, PhysicsError::UnknownNode { collider: 0, node });
    }
}
