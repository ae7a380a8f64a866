#pragma once
// OHLCV from CSV files: header-driven (Date, Open, High, Low, Close, optional
// Adj Close and Volume; any order, any case), ISO dates, strictly increasing.
#include <filesystem>
#include <string>
#include <string_view>

#include "perfharness/data/ohlcv.hpp"

namespace ph {

/// Reads a whole file. Throws InputError naming file, line and column for any defect.
OhlcvSeries read_ohlcv_csv(const std::filesystem::path& file, std::string symbol);

/// Parses CSV text; `origin` names the source in error messages.
OhlcvSeries parse_ohlcv_csv(std::string_view text, std::string_view origin, std::string symbol);

/// Files larger than this are refused before reading (a hostile or mistaken input).
inline constexpr std::uintmax_t kMaxCsvBytes = 512ull * 1024 * 1024;

}  // namespace ph
