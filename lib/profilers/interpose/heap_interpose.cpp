// Placeholder until the heap profiler lands: keeps the object library non-empty.
namespace ph::detail { int heap_interpose_placeholder = 0; }
