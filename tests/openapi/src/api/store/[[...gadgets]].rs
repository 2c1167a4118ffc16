/// The gadgets at a path of categories, or every gadget.
pub async fn get(gadgets: Vec<String>) -> String {
    gadgets.join(" > ")
}
