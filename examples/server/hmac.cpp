#include "hmac.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace kayako_server {

std::string hmac(hmac_hash hash, std::string_view key, std::string_view message) {
    EVP_MD const* md = hash == hmac_hash::sha1     ? EVP_sha1()
                       : hash == hmac_hash::sha256 ? EVP_sha256()
                       : hash == hmac_hash::sha384 ? EVP_sha384()
                                                   : EVP_sha512();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // One-shot HMAC(): not deprecated in OpenSSL 3 (the HMAC_CTX functions are).
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(message.data()),
         message.size(), digest, &length);
    return std::string(reinterpret_cast<char const*>(digest), length);
}

bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kayako_server
