/// A static route whose module could have been the optional catch-all's
/// `store_gadgets_root`: it is `store_gadgets_root2`, so the operation ids
/// `store_gadgets_root_get` (the catch-all's shorter path) and this file's
/// differ.
pub async fn get() -> &'static str {
    "root"
}
