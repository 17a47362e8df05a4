// Arena: the bump allocator that owns every AST node and every rewritten string of one
// parse, so building the tree costs no per-node heap allocation and freeing it is O(blocks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace godwit::sql {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  /// Raw storage; `align` must be a power of two.
  void* allocate(std::size_t size, std::size_t align) {
    std::uintptr_t p = (reinterpret_cast<std::uintptr_t>(cursor_) + align - 1) & ~(align - 1);
    if (cursor_ == nullptr || p + size > reinterpret_cast<std::uintptr_t>(end_)) {
      grow(size + align);
      p = (reinterpret_cast<std::uintptr_t>(cursor_) + align - 1) & ~(align - 1);
    }
    cursor_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  /// Nodes must be trivially destructible: the arena never runs destructors.
  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  /// Copies `items` into the arena, returning a span that lives as long as the arena.
  template <class T>
  std::span<T> copy(std::span<const T> items) {
    if (items.empty()) return {};
    T* out = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    std::memcpy(static_cast<void*>(out), items.data(), sizeof(T) * items.size());
    return {out, items.size()};
  }

  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    char* out = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(out, text.data(), text.size());
    return {out, text.size()};
  }

  /// Bytes reserved from the system so far (for memory reporting).
  std::size_t bytes_reserved() const { return reserved_; }

 private:
  void grow(std::size_t at_least) {
    std::size_t size = next_block_;
    if (size < at_least) size = at_least;
    if (next_block_ < (std::size_t{1} << 22)) next_block_ *= 2;
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));  // uninitialised on purpose
    cursor_ = blocks_.back().get();
    end_ = cursor_ + size;
    reserved_ += size;
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  char* end_ = nullptr;
  std::size_t next_block_ = 16 * 1024;
  std::size_t reserved_ = 0;
};

}  // namespace godwit::sql
