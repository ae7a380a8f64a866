#pragma once
// A value of a JSON document read by a reader, with where it lies: every wrong type or missing
// field becomes one InputError naming the file and the field's path ("operations[2].cases[0].bars").
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "perfharness/common/errors.hpp"

namespace ph::report::detail {

class JsonField {
 public:
  JsonField(const nlohmann::ordered_json& value, std::string path, const std::string& file, const std::string& fix)
      : value_(value), path_(std::move(path)), file_(file), fix_(fix) {}

  const std::string& path() const noexcept { return path_; }
  const nlohmann::ordered_json& json() const noexcept { return value_; }
  bool is_null() const noexcept { return value_.is_null(); }

  [[noreturn]] void fail(const std::string& problem) const {
    throw InputError(file_ + ": " + (path_.empty() ? std::string("the document") : path_) + ": " + problem + "; " + fix_);
  }

  /// A member that must be there.
  JsonField at(const char* key) const {
    if (!value_.is_object()) fail("expected an object, found " + std::string(value_.type_name()));
    const auto it = value_.find(key);
    if (it == value_.end()) child(value_, key).fail("missing");
    return child(*it, key);
  }
  /// A member that may be absent or null.
  std::optional<JsonField> find(const char* key) const {
    if (!value_.is_object()) fail("expected an object, found " + std::string(value_.type_name()));
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) return std::nullopt;
    return child(*it, key);
  }

  std::string string() const {
    if (!value_.is_string()) fail("expected a string, found " + describe());
    return value_.get<std::string>();
  }
  bool boolean() const {
    if (!value_.is_boolean()) fail("expected true or false, found " + describe());
    return value_.get<bool>();
  }
  /// Any number; null reads as NaN (the writers write a NaN as null).
  double number() const {
    if (value_.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!value_.is_number()) fail("expected a number, found " + describe());
    return value_.get<double>();
  }
  std::int64_t integer() const {
    if (!value_.is_number_integer()) fail("expected a whole number, found " + describe());
    return value_.get<std::int64_t>();
  }
  std::uint64_t count() const {
    if (!value_.is_number_unsigned() && !(value_.is_number_integer() && value_.get<std::int64_t>() >= 0))
      fail("expected a whole number from 0, found " + describe());
    return value_.get<std::uint64_t>();
  }

  /// Each element of an array, with its index in the path.
  template <class F>
  void each(F&& f) const {
    if (!value_.is_array()) fail("expected an array, found " + std::string(value_.type_name()));
    for (std::size_t i = 0; i < value_.size(); ++i) f(JsonField(value_[i], path_ + "[" + std::to_string(i) + "]", file_, fix_));
  }
  /// Each member of an object, by key.
  template <class F>
  void members(F&& f) const {
    if (!value_.is_object()) fail("expected an object, found " + std::string(value_.type_name()));
    for (const auto& [key, v] : value_.items()) f(key, child(v, key.c_str()));
  }
  std::vector<double> numbers() const {
    std::vector<double> out;
    each([&](const JsonField& x) { out.push_back(x.number()); });
    return out;
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    each([&](const JsonField& x) { out.push_back(x.string()); });
    return out;
  }

 private:
  JsonField child(const nlohmann::ordered_json& v, const std::string& key) const {
    return JsonField(v, path_.empty() ? key : path_ + "." + key, file_, fix_);
  }
  std::string describe() const {
    const std::string text = value_.dump();
    return text.size() > 40 ? text.substr(0, 40) + "..." : text;
  }

  const nlohmann::ordered_json& value_;
  std::string path_;
  const std::string& file_;
  const std::string& fix_;
};

}  // namespace ph::report::detail
