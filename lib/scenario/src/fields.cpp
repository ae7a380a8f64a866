#include "fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "perfharness/common/printable.hpp"

namespace ph::scenario::detail {

MapReader::MapReader(const Node& node, std::string path, Problems& problems)
    : node_(node), path_(std::move(path)), problems_(problems), read_(node.entries.size(), false) {
  if (node.type != Node::Type::Map && node.type != Node::Type::Null) {
    ok_ = false;
    problems_.add(node, path_, std::string("must be a map (key: value lines), not ") + type_phrase(node.type));
  }
}

const Node* MapReader::get(std::string_view key) {
  for (std::size_t i = 0; i < node_.entries.size(); ++i)
    if (node_.entries[i].key == key) {
      read_[i] = true;
      return &node_.entries[i].value;
    }
  return nullptr;
}

const Node* MapReader::require(std::string_view key, std::string_view hint) {
  const Node* n = get(key);
  if (!n && ok_) {
    std::string message = "missing required key '" + std::string(key) + "'";
    if (!hint.empty()) message += "; " + std::string(hint);
    problems_.add(node_, path_, message);
  }
  return n;
}

void MapReader::allow(std::string_view key) { get(key); }

std::vector<const Entry*> MapReader::unread() const {
  std::vector<const Entry*> out;
  for (std::size_t i = 0; i < node_.entries.size(); ++i)
    if (!read_[i]) out.push_back(&node_.entries[i]);
  return out;
}

void MapReader::mark_read(const Entry* e) {
  for (std::size_t i = 0; i < node_.entries.size(); ++i)
    if (&node_.entries[i] == e) read_[i] = true;
}

void MapReader::finish(const std::vector<std::string>& known) {
  for (std::size_t i = 0; i < node_.entries.size(); ++i) {
    const Entry& e = node_.entries[i];
    for (std::size_t j = 0; j < i; ++j)
      if (node_.entries[j].key == e.key) {
        problems_.add(e.key_pos, child(path_, e.key),
                      "duplicate key (first given on line " + std::to_string(node_.entries[j].key_pos.line) +
                          "); keep one");
        read_[i] = true;
        break;
      }
    if (read_[i]) continue;
    std::string message = "unknown key " + quote(e.key);
    const std::string suggestion = did_you_mean(e.key, known);
    message += suggestion.empty() ? "; known keys: " + join(known) : suggestion;
    problems_.add(e.key_pos, child(path_, e.key), message);
  }
}

std::optional<std::string> as_string(const Node& n, const std::string& path, Problems& p) {
  if (n.type == Node::Type::String) return n.text;
  // A plain word that YAML reads as a number or boolean is still fine as a name.
  if (n.type == Node::Type::Number || n.type == Node::Type::Bool) return n.text;
  p.add(n, path, std::string("must be a string, not ") + type_phrase(n.type));
  return std::nullopt;
}

std::optional<std::string> as_name(const Node& n, const std::string& path, Problems& p) {
  auto s = as_string(n, path, p);
  if (s && s->empty()) {
    p.add(n, path, "must not be empty");
    return std::nullopt;
  }
  // Names reach messages outside this reader, reports and terminals; a control
  // character in one is a slip (or an attack), never meant.
  const auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; };
  if (s && std::any_of(s->begin(), s->end(), control)) {
    p.add(n, path, quote(*s) + " contains a control character; remove it");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> as_bool(const Node& n, const std::string& path, Problems& p) {
  if (n.type == Node::Type::Bool) return n.text == "true";
  p.add(n, path, std::string("must be true or false, not ") +
                     (n.type == Node::Type::String ? quote(n.text) : type_phrase(n.type)));
  return std::nullopt;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ±infinity or ±0 for a decimal too large or too small for a double: its order of
// magnitude (digits before the point, or minus zeros after it, plus the exponent) decides.
double beyond_double(std::string_view s) {
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) ++i;
  long long order = 0;
  bool significant = false;  // a nonzero digit was seen
  for (; i < s.size() && is_digit(s[i]); ++i) {
    significant = significant || s[i] != '0';
    if (significant) ++order;
  }
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && is_digit(s[i]) && !significant; ++i) {
      significant = s[i] != '0';
      if (!significant) --order;
    }
  while (i < s.size() && is_digit(s[i])) ++i;
  long long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    for (; i < s.size() && is_digit(s[i]); ++i) exponent = std::min(exponent * 10 + (s[i] - '0'), 1'000'000'000LL);
    if (negative_exponent) exponent = -exponent;
  }
  const double magnitude = order + exponent > 0 ? HUGE_VAL : 0.0;
  return negative ? -magnitude : magnitude;
}

}  // namespace

std::optional<double> number_value(const Node& n) {
  if (n.type != Node::Type::Number) return std::nullopt;
  const char* begin = n.text.data();
  const char* end = begin + n.text.size();
  if (begin != end && *begin == '+') ++begin;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ptr != end) return std::nullopt;
  // Out of range, the value rounds as any float parser rounds it: to infinity (1e400),
  // which range checks then report as out of range, or to zero (1e-400).
  if (ec == std::errc::result_out_of_range) return beyond_double(n.text);
  if (ec != std::errc()) return std::nullopt;
  return v;
}

std::string number_text(double v) {
  // Whole numbers as integers: "100000", not the shortest form "1e+05".
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buffer[32];
  const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, ptr) : std::to_string(v);
}

namespace {

std::string not_a_number(const Node& n) {
  if (n.type == Node::Type::String) return "must be a number, not the string " + quote(n.text);
  return std::string("must be a number, not ") + type_phrase(n.type);
}

}  // namespace

std::optional<double> as_number(const Node& n, const std::string& path, Problems& p, double min, double max) {
  const auto v = number_value(n);
  if (!v) {
    p.add(n, path, not_a_number(n));
    return std::nullopt;
  }
  if (!std::isfinite(*v) || *v < min || *v > max) {
    p.add(n, path, "is " + printable(n.text) + " but must be from " + number_text(min) + " to " + number_text(max));
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> as_integer(const Node& n, const std::string& path, Problems& p, std::int64_t min,
                                       std::int64_t max) {
  const auto v = number_value(n);
  if (!v) {
    p.add(n, path, not_a_number(n));
    return std::nullopt;
  }
  if (!std::isfinite(*v) || *v != std::floor(*v) || *v < static_cast<double>(min) ||
      *v > static_cast<double>(max)) {
    p.add(n, path,
          "is " + printable(n.text) + " but must be a whole number from " + std::to_string(min) + " to " +
              std::to_string(max));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*v);
}

std::optional<std::uint64_t> as_seed(const Node& n, const std::string& path, Problems& p) {
  if (n.type == Node::Type::Number) {
    std::uint64_t v = 0;
    const char* end = n.text.data() + n.text.size();
    const auto [ptr, ec] = std::from_chars(n.text.data(), end, v);
    if (ec == std::errc() && ptr == end) return v;
  }
  if (n.type != Node::Type::Number) {
    p.add(n, path, not_a_number(n));
  } else {
    p.add(n, path, "is " + printable(n.text) + " but must be a whole number from 0 to 18446744073709551615");
  }
  return std::nullopt;
}

std::optional<Date> as_date(const Node& n, const std::string& path, Problems& p) {
  if (n.type == Node::Type::String) {
    if (const auto d = parse_iso_date(n.text)) return d;
    p.add(n, path, quote(n.text) + " is not a date; write YYYY-MM-DD (e.g. 2023-01-31)");
    return std::nullopt;
  }
  p.add(n, path, std::string("must be a date YYYY-MM-DD, not ") + type_phrase(n.type));
  return std::nullopt;
}

}  // namespace ph::scenario::detail
