// OutputFile: what each kind of path becomes after perfharness writes to it. Every node is
// made in a private temporary folder (mkfifo, mknod, symlink); no test touches a real device.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "perfharness/common/errors.hpp"
#include "perfharness/common/output_file.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;

namespace {

struct ScratchFolder {
  fs::path path = ph::make_temporary_folder("ph-output-test");
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode;
}

// A report bigger than a pipe's buffer, so a FIFO reader sees several writes.
std::string big_text() {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += "line " + std::to_string(i) + "\n";
  return s;
}

// Makes a device node in the scratch folder, or skips: mknod needs CAP_MKNOD (root, and a
// container that allows it).
void make_node_or_skip(const ScratchFolder& dir, const fs::path& p, mode_t type, dev_t device) {
  if (::mknod(p.c_str(), type | 0666, device) == 0) return;
  const std::string reason = std::string("mknod is not allowed here (") + std::strerror(errno) + ")";
  std::error_code ignored;
  fs::remove_all(dir.path, ignored);  // skip() ends the process without running destructors
  ph_test::skip(reason);
}

}  // namespace

TEST_CASE("a new output file gets a new file's mode and no temporary file stays", "[output]") {
  ScratchFolder dir;
  const fs::path out = dir.path / "report.json";
  ph::write_output_file(out, "{}\n");
  CHECK(read(out) == "{}\n");
  CHECK(dir.names() == std::vector<std::string>{"report.json"});
  const mode_t umask_now = ::umask(022);
  ::umask(umask_now);
  CHECK((mode_of(out) & 0777) == (0666 & ~umask_now));
}

TEST_CASE("an existing file is replaced whole, and kept as it was when the write is abandoned", "[output]") {
  ScratchFolder dir;
  const fs::path out = dir.path / "report.json";
  put(out, "old");
  {
    ph::OutputFile file(out);
    CHECK_FALSE(file.streamed());
    file.write("half of a new rep");
    CHECK(read(out) == "old");  // nothing is visible before the commit
  }  // destroyed without commit
  CHECK(read(out) == "old");
  CHECK(dir.names() == std::vector<std::string>{"report.json"});
  ph::write_output_file(out, "new");
  CHECK(read(out) == "new");
  CHECK(dir.names() == std::vector<std::string>{"report.json"});
}

TEST_CASE("a symlink keeps pointing at its target, which gets the new content", "[output]") {
  ScratchFolder dir;
  fs::create_directory(dir.path / "real");
  put(dir.path / "real" / "junit.xml", "old");
  fs::create_symlink("real/junit.xml", dir.path / "link1");  // relative, resolved from its folder
  fs::create_symlink(dir.path / "link1", dir.path / "link2");  // a chain
  ph::write_output_file(dir.path / "link2", "new");
  CHECK(fs::is_symlink(dir.path / "link2"));
  CHECK(fs::read_symlink(dir.path / "link2") == dir.path / "link1");
  CHECK(fs::read_symlink(dir.path / "link1") == "real/junit.xml");
  CHECK(read(dir.path / "real" / "junit.xml") == "new");
  CHECK(dir.names() == std::vector<std::string>{"link1", "link2", "real"});
  CHECK(fs::directory_iterator(dir.path / "real")->path().filename() == "junit.xml");
  CHECK(std::distance(fs::directory_iterator(dir.path / "real"), fs::directory_iterator()) == 1);
}

TEST_CASE("a dangling symlink's target is created and the link kept", "[output]") {
  ScratchFolder dir;
  fs::create_symlink("made.json", dir.path / "link");
  ph::write_output_file(dir.path / "link", "x");
  CHECK(fs::is_symlink(dir.path / "link"));
  CHECK(read(dir.path / "made.json") == "x");
}

TEST_CASE("a symlink loop is refused with the path named", "[output]") {
  ScratchFolder dir;
  fs::create_symlink("b", dir.path / "a");
  fs::create_symlink("a", dir.path / "b");
  try {
    ph::write_output_file(dir.path / "a", "x");
    FAIL("a symlink loop was written");
  } catch (const ph::RuntimeFailure& e) {
    CHECK(std::string(e.what()).find((dir.path / "a").string()) != std::string::npos);
    CHECK(std::string(e.what()).find(std::strerror(ELOOP)) != std::string::npos);
  }
  CHECK_THROWS_AS(ph::check_output_writable(dir.path / "a", "report"), ph::RuntimeFailure);
}

TEST_CASE("a FIFO is written through: its reader gets the whole content and it stays a FIFO", "[output]") {
  ScratchFolder dir;
  const fs::path fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read(fifo); });
  const std::string text = big_text();
  ph::OutputFile file(fifo);
  CHECK(file.streamed());
  file.write(text);
  file.commit();
  reader.join();
  CHECK(received == text);
  CHECK(S_ISFIFO(mode_of(fifo)));
  CHECK(dir.names() == std::vector<std::string>{"pipe"});
  CHECK_NOTHROW(ph::check_output_writable(fifo, "report"));
}

TEST_CASE("a character device stays a character device", "[output]") {
  ScratchFolder dir;
  // The null device's numbers, as a node of our own: writing to it discards the bytes.
  const fs::path node = dir.path / "null";
  make_node_or_skip(dir, node, S_IFCHR, makedev(1, 3));
  CHECK_NOTHROW(ph::check_output_writable(node, "report"));
  ph::write_output_file(node, big_text());
  CHECK(S_ISCHR(mode_of(node)));
  CHECK(dir.names() == std::vector<std::string>{"null"});
}

TEST_CASE("a block device is refused, not written", "[output]") {
  ScratchFolder dir;
  const fs::path node = dir.path / "disk";
  make_node_or_skip(dir, node, S_IFBLK, makedev(7, 0));
  CHECK_THROWS_WITH(ph::write_output_file(node, "x"), Catch::Contains("block device"));
  CHECK_THROWS_WITH(ph::check_output_writable(node, "report"), Catch::Contains("block device"));
  CHECK(S_ISBLK(mode_of(node)));
}

TEST_CASE("/dev/fd/N writes to that open descriptor", "[output]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const fs::path path = "/dev/fd/" + std::to_string(fds[1]);
  CHECK_NOTHROW(ph::check_output_writable(path, "report"));
  ph::write_output_file(path, "through the pipe");
  ::close(fds[1]);
  char buf[64] = {};
  const ssize_t n = ::read(fds[0], buf, sizeof buf);
  ::close(fds[0]);
  CHECK(std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0) == "through the pipe");
  // The descriptor is closed now: refused before any work, with its number named.
  CHECK_THROWS_WITH(ph::check_output_writable(path, "report"), Catch::Contains("is not open"));
}

TEST_CASE("a planted file at an old-style temporary name is neither followed nor removed", "[output]") {
  ScratchFolder dir;
  put(dir.path / "victim", "precious");
  const std::string planted = ".report.json.tmp." + std::to_string(::getpid());
  fs::create_symlink(dir.path / "victim", dir.path / planted);
  ph::write_output_file(dir.path / "report.json", "report");
  CHECK(read(dir.path / "victim") == "precious");
  CHECK(fs::is_symlink(dir.path / planted));
  CHECK(read(dir.path / "report.json") == "report");
}

TEST_CASE("a folder, a missing folder and a file in the way are refused with the fix", "[output]") {
  ScratchFolder dir;
  CHECK_THROWS_WITH(ph::write_output_file(dir.path, "x"), Catch::Contains("is a folder; give a file name"));
  CHECK_THROWS_WITH(ph::check_output_writable(dir.path / "nowhere" / "r.json", "report"),
                    Catch::Contains("does not exist; create it first"));
  put(dir.path / "file", "");
  CHECK_THROWS_WITH(ph::check_output_writable(dir.path / "file" / "r.json", "report"),
                    Catch::Contains("is not a folder"));
  CHECK_THROWS_WITH(ph::write_output_file(dir.path / "nowhere" / "r.json", "x"),
                    Catch::Contains(std::string("cannot write ") + (dir.path / "nowhere" / "r.json").string()));
}

TEST_CASE("temporary folders are private and distinct", "[output]") {
  const fs::path a = ph::make_temporary_folder("ph-output-test");
  const fs::path b = ph::make_temporary_folder("ph-output-test");
  CHECK(a != b);
  CHECK((mode_of(a) & 0777) == 0700);
  fs::remove(a);
  fs::remove(b);
}
