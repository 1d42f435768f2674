//! The node hierarchy of the chosen scene: checked to be a forest, then added to the
//! [`Scene`] with transforms, meshes, lights, cameras, skins and extras.

use super::Warning;
use super::context::Context;
use crate::error::Error;
use glam::{Mat4, Quat, Vec3};
use museion_scene::Node;
use museion_scene::Scene;
use museion_scene::Transform;
use museion_scene::{CameraId, LightId, MeshId, NodeId, SkinId};

/// The parent of every node, checked: indices in range, at most one parent each, no
/// cycles. Fails naming the first offending node.
fn parents(ctx: &Context) -> Result<Vec<Option<u32>>, Error> {
    let nodes = &ctx.doc.nodes;
    let mut parent: Vec<Option<u32>> = vec![None; nodes.len()];
    for (index, node) in nodes.iter().enumerate() {
        for (c, child) in node.children.iter().flatten().enumerate() {
            let pointer = format!("/nodes/{index}/children/{c}");
            let child = child.value() as u32;
            ctx.get(nodes, child, "node", &pointer)?;
            if child as usize == index {
                return Err(Error::NodeHierarchy {
                    at: ctx.at(pointer),
                    message: format!("node {index} is its own child"),
                });
            }
            if let Some(other) = parent[child as usize] {
                return Err(Error::NodeHierarchy {
                    at: ctx.at(pointer),
                    message: format!("node {child} has two parents, nodes {other} and {index}"),
                });
            }
            parent[child as usize] = Some(index as u32);
        }
    }
    // With one parent each, a cycle is a parent chain that comes back on itself.
    // 0 = unvisited, 1 = on the current chain, 2 = known to reach a root.
    let mut state = vec![0u8; nodes.len()];
    for start in 0..nodes.len() {
        let mut chain = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            match state[node] {
                2 => break,
                1 => {
                    return Err(Error::NodeHierarchy {
                        at: ctx.at(format!("/nodes/{node}/children")),
                        message: format!("node {node} is its own ancestor (a cycle in the hierarchy)"),
                    });
                }
                _ => {
                    state[node] = 1;
                    chain.push(node);
                    current = parent[node].map(|p| p as usize);
                }
            }
        }
        for node in chain {
            state[node] = 2;
        }
    }
    Ok(parent)
}

/// The roots to import: the chosen scene's nodes, or every parentless node when the
/// file has no scenes.
fn scene_roots(
    ctx: &Context,
    scene: Option<usize>,
    parent: &[Option<u32>],
    warnings: &mut Vec<Warning>,
) -> Result<Vec<u32>, Error> {
    let Some(scene_index) = scene else {
        if !ctx.doc.nodes.is_empty() {
            warnings.push(ctx.warning("", "the file has no scenes; every root node is shown"));
        }
        return Ok((0..ctx.doc.nodes.len() as u32)
            .filter(|n| parent[*n as usize].is_none())
            .collect());
    };
    let scene = &ctx.doc.scenes[scene_index];
    let count = ctx.doc.nodes.len();
    let mut listed = vec![false; count];
    for (i, root) in scene.nodes.iter().enumerate() {
        ctx.get(
            &ctx.doc.nodes,
            root.value() as u32,
            "node",
            format!("/scenes/{scene_index}/nodes/{i}"),
        )?;
        listed[root.value()] = true;
    }
    let listed_ancestor = listed_ancestors(&listed, parent);
    let mut taken = vec![false; count];
    let mut roots = Vec::with_capacity(scene.nodes.len());
    for (i, root) in scene.nodes.iter().enumerate() {
        let pointer = format!("/scenes/{scene_index}/nodes/{i}");
        let root = root.value() as u32;
        if std::mem::replace(&mut taken[root as usize], true) {
            warnings.push(ctx.warning(pointer, format!("node {root} is listed twice; shown once")));
            continue;
        }
        // glTF wants scene nodes to be roots, but some exporters list a child whose
        // parent is outside the scene. Show it as a root, unless an ancestor is listed
        // too (then it is already in the scene).
        if let Some(p) = parent[root as usize] {
            if let Some(a) = listed_ancestor[root as usize] {
                warnings.push(ctx.warning(
                    pointer,
                    format!("node {root} is listed as a root but sits under listed node {a}; shown there"),
                ));
                continue;
            }
            warnings.push(ctx.warning(
                pointer,
                format!("scene root {root} is a child of node {p}, which is not in the scene; shown as a root without its parent's transform"),
            ));
        }
        roots.push(root);
    }
    Ok(roots)
}

fn transform(ctx: &Context, index: usize, warnings: &mut Vec<Warning>) -> Result<Transform, Error> {
    let node = &ctx.doc.nodes[index];
    let p = format!("/nodes/{index}");
    if let Some(matrix) = node.matrix {
        if node.translation.is_some() || node.rotation.is_some() || node.scale.is_some() {
            warnings.push(ctx.warning(&p, "both matrix and TRS are given; the matrix is used"));
        }
        let m = Mat4::from_cols_array(&matrix);
        if !m.is_finite() {
            return Err(ctx.invalid(format!("{p}/matrix"), "matrix must be finite"));
        }
        let t = Transform::from_matrix(m);
        let largest = m.abs().to_cols_array().iter().fold(1.0f32, |a, b| a.max(*b));
        if !t.is_finite() || !t.matrix().abs_diff_eq(m, 1e-3 * largest) {
            warnings.push(ctx.warning(
                format!("{p}/matrix"),
                "matrix is not a translation-rotation-scale; its shear is lost",
            ));
        }
        return Ok(if t.is_finite() { t } else { Transform::IDENTITY });
    }
    let translation = Vec3::from_array(node.translation.unwrap_or([0.0; 3]));
    let scale = Vec3::from_array(node.scale.unwrap_or([1.0; 3]));
    let rotation = Quat::from_array(node.rotation.map_or([0.0, 0.0, 0.0, 1.0], |r| r.0));
    if !(translation.is_finite() && scale.is_finite() && rotation.is_finite()) {
        return Err(ctx.invalid(&p, "translation, rotation and scale must be finite"));
    }
    let length = rotation.length();
    let rotation = if length < 1e-6 {
        warnings.push(ctx.warning(format!("{p}/rotation"), "zero quaternion; using no rotation"));
        Quat::IDENTITY
    } else {
        if (length - 1.0).abs() > 1e-3 {
            warnings.push(ctx.warning(
                format!("{p}/rotation"),
                "quaternion is not unit length; normalised",
            ));
        }
        rotation / length
    };
    Ok(Transform {
        translation,
        rotation,
        scale,
    })
}

/// For every node, its nearest strict ancestor that is listed, if any; each parent
/// chain is walked once (the hierarchy is known to be a forest here).
fn listed_ancestors(listed: &[bool], parent: &[Option<u32>]) -> Vec<Option<u32>> {
    // Outer None: not computed yet.
    let mut memo: Vec<Option<Option<u32>>> = vec![None; listed.len()];
    for start in 0..listed.len() {
        if memo[start].is_some() {
            continue;
        }
        // Climb until the answer for the last node of `chain` is known.
        let mut chain = Vec::new();
        let mut node = start;
        let mut answer = loop {
            chain.push(node);
            match parent[node] {
                None => break None,
                Some(p) if listed[p as usize] => break Some(p),
                Some(p) => match memo[p as usize] {
                    Some(known) => break known,
                    None => node = p as usize,
                },
            }
        };
        // Going back down, a listed node becomes the answer for the nodes below it.
        for &n in chain.iter().rev() {
            memo[n] = Some(answer);
            if listed[n] {
                answer = Some(n as u32);
            }
        }
    }
    memo.into_iter().map(Option::flatten).collect()
}

/// Builds the nodes under the chosen roots. Returns the scene and, for every document
/// node, its id if it was imported.
pub(crate) fn build(
    ctx: &Context,
    scene_index: Option<usize>,
    light_ids: &[Option<LightId>],
    warnings: &mut Vec<Warning>,
) -> Result<(Scene, Vec<Option<NodeId>>), Error> {
    let parent = parents(ctx)?;
    let roots = scene_roots(ctx, scene_index, &parent, warnings)?;
    let mut scene = Scene::new();
    let mut ids: Vec<Option<NodeId>> = vec![None; ctx.doc.nodes.len()];
    // Depth first with an explicit stack: files can nest deeper than the call stack.
    let mut stack: Vec<(u32, Option<NodeId>)> = roots.iter().rev().map(|r| (*r, None)).collect();
    while let Some((index, parent_id)) = stack.pop() {
        let node = node(ctx, index as usize, light_ids, warnings)?;
        let id = scene.add_node(node, parent_id)?;
        ids[index as usize] = Some(id);
        let children = ctx.doc.nodes[index as usize].children.iter().flatten();
        let children: Vec<u32> = children.map(|c| c.value() as u32).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, Some(id))));
    }
    Ok((scene, ids))
}

fn node(
    ctx: &Context,
    index: usize,
    light_ids: &[Option<LightId>],
    warnings: &mut Vec<Warning>,
) -> Result<Node, Error> {
    let json = &ctx.doc.nodes[index];
    let p = format!("/nodes/{index}");
    let mut node = Node::new().with_transform(transform(ctx, index, warnings)?);
    node.name = json.name.clone();
    node.extras = super::extras(&json.extras);
    if let Some(mesh) = json.mesh {
        ctx.get(&ctx.doc.meshes, mesh.value() as u32, "mesh", format!("{p}/mesh"))?;
        node.mesh = Some(MeshId(mesh.value() as u32));
    }
    if let Some(camera) = json.camera {
        ctx.get(
            &ctx.doc.cameras,
            camera.value() as u32,
            "camera",
            format!("{p}/camera"),
        )?;
        node.camera = Some(CameraId(camera.value() as u32));
    }
    if let Some(skin) = json.skin {
        ctx.get(&ctx.doc.skins, skin.value() as u32, "skin", format!("{p}/skin"))?;
        if json.mesh.is_none() {
            warnings.push(ctx.warning(
                format!("{p}/skin"),
                "a skin on a node without a mesh has no effect",
            ));
        }
        node.skin = Some(SkinId(skin.value() as u32));
    }
    if let Some(light) = json
        .extensions
        .as_ref()
        .and_then(|e| e.khr_lights_punctual.as_ref())
    {
        let light = light.light.value();
        let pointer = format!("{p}/extensions/KHR_lights_punctual/light");
        match light_ids.get(light) {
            Some(Some(id)) => node.light = Some(*id),
            Some(None) => {
                warnings.push(ctx.warning(pointer, format!("light {light} was skipped; the node has none")))
            }
            None => {
                return Err(Error::IndexOutOfRange {
                    at: ctx.at(pointer),
                    kind: "light",
                    index: light as u64,
                    count: light_ids.len(),
                });
            }
        }
    }
    if let Some(weights) = &json.weights {
        node.morph_weights = Some(weights.clone());
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::listed_ancestors;

    #[test]
    fn listed_ancestors_are_the_nearest_listed_strict_ancestors() {
        // 0 ─ 1 ─ 2 ─ 3, and 4 under 2; 1 and 3 are listed.
        let parent = [None, Some(0), Some(1), Some(2), Some(2)];
        let listed = [false, true, false, true, false];
        assert_eq!(
            listed_ancestors(&listed, &parent),
            vec![None, None, Some(1), Some(1), Some(1)]
        );
        // Order of discovery must not matter: start from the deepest nodes.
        let parent = [Some(1), Some(2), Some(3), None];
        let listed = [true, false, true, true];
        assert_eq!(
            listed_ancestors(&listed, &parent),
            vec![Some(2), Some(2), Some(3), None]
        );
    }
}
