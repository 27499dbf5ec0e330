#include "core/auth/password.hpp"

#include <sodium.h>

#include <atomic>
#include <semaphore>
#include <stdexcept>

namespace jiguan::auth {
namespace {

std::counting_semaphore<2>& hashing_slots() {
  static std::counting_semaphore<2> slots(2);
  return slots;
}

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

std::atomic<HashCost> g_cost{HashCost::interactive};

struct SlotGuard {
  SlotGuard() { hashing_slots().acquire(); }
  ~SlotGuard() { hashing_slots().release(); }
};

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  SlotGuard slot;
  char out[crypto_pwhash_STRBYTES];
  const bool minimal = g_cost.load() == HashCost::minimal;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

void set_hash_cost(HashCost cost) { g_cost = cost; }

bool verify_password(std::string_view stored_hash, std::string_view password) {
  ensure_sodium();
  SlotGuard slot;
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string password_policy_violation(std::string_view password) {
  std::size_t chars = 0;
  bool letter = false, digit = false;
  for (unsigned char c : password) {
    chars += (c & 0xC0) != 0x80;
    letter |= std::isalpha(c) != 0;
    digit |= std::isdigit(c) != 0;
  }
  if (chars < 8 || chars > 128) return "密码长度应为 8 到 128 个字符";
  if (!letter || !digit) return "密码应同时包含字母和数字";
  return "";
}

}  // namespace jiguan::auth
