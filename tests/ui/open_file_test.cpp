// The desktop app's file opening (shell/open_file), in process through the headless UI: a path that does not
// exist, a folder, binary files (a PNG, random bytes without a NUL), an unreadable file (a real permission error:
// as root the check runs in a child process that has dropped to uid 65534), a pipe, each refused with a message
// naming the path and the problem, shown in the app, with the state exactly as before. Native only (POSIX).
#include "open_file.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <grp.h>

#include <cstdlib>
#include <fstream>
#include <random>

#include "headless_ui.hpp"

namespace lpp {
namespace {

// A fresh directory under $TMPDIR (or /tmp) that other users may enter, removed at the end.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/lpp-open-file-XXXXXX";
    path_ = mkdtemp(pattern.data()) ? pattern : std::string();
    if (!path_.empty()) chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    if (!path_.empty()) std::system(("rm -rf '" + path_ + "'").c_str());
  }
  std::string file(const std::string& name, const std::string& bytes) const {
    const std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The reader's state before the file: a link's settings and their own points in the Dials lab.
HeadlessUi& with_own_work(HeadlessUi& ui) {
  apply_link(ui.app, "v=1&view=dials&d.a=1.25&d.b=-0.5&d.pts=1:2,2:4.5,3:5.5&l.lr=0.1&m.preset=mistral-7b");
  EXPECT_TRUE(ui.app.ui.notices.empty());
  ui.frame();
  ui.frame();
  return ui;
}

// Opens `path` and checks the refusal: the returned problem, that it starts with the path and contains `what`,
// that it became the one notice and is drawn, and that the state is exactly as before.
void expect_refused(HeadlessUi& ui, const std::string& path, const std::string& what) {
  const std::string before = fingerprint(ui.app);
  ui.app.ui.notices.clear();
  const std::string problem = open_file(ui.app, path);
  EXPECT_EQ(problem.rfind(path + ": ", 0), 0u) << problem;
  EXPECT_NE(problem.find(what), std::string::npos) << problem;
  ASSERT_EQ(ui.app.ui.notices.size(), 1u);
  EXPECT_EQ(ui.app.ui.notices[0], problem);
  for (int i = 0; i < 3; ++i) ui.frame();
  EXPECT_TRUE(ui.app.ui.items.count("notices.dismiss")) << "the notice banner is drawn";
  EXPECT_EQ(fingerprint(ui.app), before);
}

TEST(OpenFile, AMissingPathIsNamedAndNothingChanges) {
  TempDir dir;
  HeadlessUi ui(1.0f);
  with_own_work(ui);
  expect_refused(ui, dir.path() + "/no-such.csv", "no such file");
  expect_refused(ui, dir.file("plain.csv", "1,2\n") + "/below-a-file.csv", "no such file");
}

TEST(OpenFile, AFolderIsNamed) {
  TempDir dir;
  HeadlessUi ui(1.0f);
  with_own_work(ui);
  expect_refused(ui, dir.path(), "is a folder, not a file");
}

TEST(OpenFile, BinaryFilesAreRefusedEvenWithoutANul) {
  TempDir dir;
  HeadlessUi ui(1.0f);
  with_own_work(ui);
  // A 1×1 PNG: the signature 89 'PNG' 0D 0A 1A 0A, then the IHDR chunk whose length 00 00 00 0D starts at byte 8.
  static const unsigned char kPng[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
      0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
      0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d,
      0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  // 0x1A (SUB) at offset 6 is the first byte no text holds; the NUL comes later.
  expect_refused(ui, dir.file("picture.png", std::string(reinterpret_cast<const char*>(kPng), sizeof kPng)),
                 "is a binary file, not text (byte 0x1a at offset 6)");
  // 512 random bytes from 1 to 255: no NUL, which is all a NUL check would look for.
  std::mt19937_64 rng(7);
  std::string noise;
  for (int i = 0; i < 512; ++i) noise += static_cast<char>(1 + rng() % 255);
  ASSERT_EQ(noise.find('\0'), std::string::npos);
  expect_refused(ui, dir.file("noise.csv", noise), "is a binary file, not text");
  // A config.json saved as UTF-16 has a NUL after every ASCII byte.
  expect_refused(ui, dir.file("utf16.json", std::string("{\0\"\0", 4)), "byte 0x00 at offset 1");
}

TEST(OpenFile, AnUnreadableFileIsARealPermissionError) {
  TempDir dir;
  HeadlessUi ui(1.0f);
  with_own_work(ui);
  const std::string path = dir.file("secret.csv", "1,2\n2,3\n");
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  if (geteuid() != 0) {   // an ordinary user cannot read a mode-000 file
    expect_refused(ui, path, "cannot be read (permission denied)");
    return;
  }
  // Root reads any file, so the check runs where the open really fails: a child that has become nobody (65534)
  // opens it in its copy of the app, draws frames, and sends back the problem, whether the state stayed exactly as
  // it was, and whether the problem became the notice.
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    if (setgroups(0, nullptr) != 0 || setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
      _exit(3);
    const std::string before = fingerprint(ui.app);
    const std::string problem = open_file(ui.app, path);
    for (int i = 0; i < 3; ++i) ui.frame();
    const std::string report = problem + (fingerprint(ui.app) == before ? "|kept" : "|changed") +
                               (ui.app.ui.notices == std::vector<std::string>{problem} ? "|noticed" : "|silent");
    const ssize_t n = write(pipe_fds[1], report.data(), report.size());
    _exit(n == static_cast<ssize_t>(report.size()) ? 0 : 4);
  }
  close(pipe_fds[1]);
  std::string problem;   // "PROBLEM|kept|noticed"
  char buf[512];
  for (ssize_t n; (n = read(pipe_fds[0], buf, sizeof buf)) > 0;) problem.append(buf, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_NE(WEXITSTATUS(status), 3) << "could not drop to uid 65534 to make the file unreadable";
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(problem, path + ": cannot be read (permission denied)|kept|noticed");
  // In this (root) process the same file opens: the refusal above came from the permission, not the path.
  std::string text;
  EXPECT_EQ(read_text_file(path, &text), "");
  EXPECT_EQ(text, "1,2\n2,3\n");
}

TEST(OpenFile, APipeIsRefusedWithoutBlocking) {
  TempDir dir;
  HeadlessUi ui(1.0f);
  with_own_work(ui);
  const std::string fifo = dir.path() + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  expect_refused(ui, fifo, "is not a regular file");   // opening it would wait for a writer forever
}

TEST(OpenFile, TextFilesOpenInTheirLab) {
  TempDir dir;
  HeadlessUi ui(1.0f);
  with_own_work(ui);
  EXPECT_EQ(open_file(ui.app, dir.file("line.csv", "x,y\n0,1\n1,3\n2,5\n")), "");
  ui.frame();
  EXPECT_EQ(ui.app.state.view, View::Dials);
  ASSERT_EQ(ui.app.state.dials.points.size(), 3);
  EXPECT_EQ(ui.app.state.dials.points.y[2], 5.0);
  const LineParams fit = least_squares(ui.app.state.dials.points, true);
  EXPECT_NEAR(fit.a, 2.0, 1e-12);   // the points lie on y = 2x + 1
  EXPECT_NEAR(fit.b, 1.0, 1e-12);
  EXPECT_EQ(open_file(ui.app, dir.file("tiny.json", "{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_layer\": 2, "
                                                    "\"n_head\": 4, \"vocab_size\": 100, \"n_positions\": 32}")),
            "");
  for (int i = 0; i < 3; ++i) ui.frame();   // the tab switches, then the lab counts the model
  EXPECT_EQ(ui.app.state.view, View::Llm);
  // GPT-2 shape, tied embeddings: wte V·C + wpe P·C + L·(12C² + 13C) + final norm 2C
  // = 6,400 + 2,048 + 2·(49,152 + 832) + 128 = 108,544.
  EXPECT_EQ(llm_shown_total(ui.app), 108544);
  EXPECT_TRUE(ui.app.ui.notices.empty());
}

}  // namespace
}  // namespace lpp
