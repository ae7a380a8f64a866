// Replaces every allocation entry point of the C and C++ runtimes so the heap profiler sees each
// block (see the design note in perfharness/profilers/heap.hpp). Linked into executables only: a
// definition of malloc in a static library would be silently skipped by the linker.
#include <malloc.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(__SANITIZE_MEMORY__)
#define PH_HEAP_SANITIZER_ACTIVE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PH_HEAP_SANITIZER_ACTIVE 1
#endif
#endif

#if defined(PERFHARNESS_NO_HEAP_INTERPOSE) || defined(PH_HEAP_SANITIZER_ACTIVE)

// Sanitizers replace malloc themselves; a second replacement would hide every block from them.
extern "C" [[gnu::used]] const char ph_heap_interposer_compiled_out[] =
    "heap tracking unavailable: this is a sanitizer build, where AddressSanitizer owns malloc";

#else

#include "perfharness/profilers/heap_counters.hpp"

extern "C" {
[[gnu::used]] extern const int ph_heap_interposer_linked = 1;

// glibc's own allocator under its exported internal names (GLIBC_2.2.5).
void* __libc_malloc(std::size_t size) noexcept;
void* __libc_calloc(std::size_t count, std::size_t size) noexcept;
void* __libc_realloc(void* block, std::size_t size) noexcept;
void* __libc_memalign(std::size_t alignment, std::size_t size) noexcept;
void* __libc_valloc(std::size_t size) noexcept;
void* __libc_pvalloc(std::size_t size) noexcept;
void __libc_free(void* block) noexcept;
}

namespace {
namespace hd = ph::profilers::heap_detail;

inline void* counted(void* block) noexcept {
  if (block != nullptr) hd::record_alloc(malloc_usable_size(block));
  return block;
}

inline void release(void* block) noexcept {
  if (block == nullptr) return;
  hd::record_free(malloc_usable_size(block));
  __libc_free(block);
}

inline bool valid_alignment(std::size_t alignment) noexcept {
  return alignment != 0 && (alignment & (alignment - 1)) == 0;
}

// operator new's contract: retry through the new-handler, throw bad_alloc when there is none.
template <class Allocate>
void* new_block(Allocate allocate) {
  for (;;) {
    if (void* block = counted(allocate())) return block;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void* new_plain(std::size_t size) {
  if (size == 0) size = 1;
  return new_block([size] { return __libc_malloc(size); });
}

void* new_aligned(std::size_t size, std::align_val_t alignment) {
  if (size == 0) size = 1;
  const auto align = static_cast<std::size_t>(alignment);
  return new_block([size, align] { return __libc_memalign(align, size); });
}

void* new_plain_nothrow(std::size_t size) noexcept {
  try {
    return new_plain(size);
  } catch (...) {
    return nullptr;
  }
}

void* new_aligned_nothrow(std::size_t size, std::align_val_t alignment) noexcept {
  try {
    return new_aligned(size, alignment);
  } catch (...) {
    return nullptr;
  }
}
}  // namespace

extern "C" {

void* malloc(std::size_t size) noexcept { return counted(__libc_malloc(size)); }

void free(void* block) noexcept { release(block); }

void* calloc(std::size_t count, std::size_t size) noexcept { return counted(__libc_calloc(count, size)); }

// A resized block is counted as the old one freed and a new one allocated, even when glibc
// grows it in place: that keeps current bytes exact and allocations = blocks handed out.
void* realloc(void* block, std::size_t size) noexcept {
  if (block == nullptr) return malloc(size);
  const std::size_t old_size = malloc_usable_size(block);
  void* resized = __libc_realloc(block, size);
  if (resized != nullptr) {
    hd::record_free(old_size);
    hd::record_alloc(malloc_usable_size(resized));
  } else if (size == 0) {
    hd::record_free(old_size);  // glibc frees the block on realloc(p, 0)
  }
  return resized;
}

void* reallocarray(void* block, std::size_t count, std::size_t size) noexcept {
  std::size_t bytes = 0;
  if (__builtin_mul_overflow(count, size, &bytes)) {
    errno = ENOMEM;
    return nullptr;
  }
  return realloc(block, bytes);
}

void* memalign(std::size_t alignment, std::size_t size) noexcept {
  return counted(__libc_memalign(alignment, size));
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  if (!valid_alignment(alignment)) {
    errno = EINVAL;
    return nullptr;
  }
  return counted(__libc_memalign(alignment, size));
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  if (!valid_alignment(alignment) || alignment % sizeof(void*) != 0) return EINVAL;
  void* block = counted(__libc_memalign(alignment, size));
  if (block == nullptr) return ENOMEM;
  *out = block;
  return 0;
}

void* valloc(std::size_t size) noexcept { return counted(__libc_valloc(size)); }

void* pvalloc(std::size_t size) noexcept { return counted(__libc_pvalloc(size)); }

}  // extern "C"

void* operator new(std::size_t size) { return new_plain(size); }
void* operator new[](std::size_t size) { return new_plain(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return new_plain_nothrow(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return new_plain_nothrow(size); }
void* operator new(std::size_t size, std::align_val_t alignment) { return new_aligned(size, alignment); }
void* operator new[](std::size_t size, std::align_val_t alignment) { return new_aligned(size, alignment); }
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return new_aligned_nothrow(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return new_aligned_nothrow(size, alignment);
}

void operator delete(void* block) noexcept { release(block); }
void operator delete[](void* block) noexcept { release(block); }
void operator delete(void* block, std::size_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t) noexcept { release(block); }
void operator delete(void* block, std::align_val_t) noexcept { release(block); }
void operator delete[](void* block, std::align_val_t) noexcept { release(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept { release(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept { release(block); }

#endif
