/* tel_tls.h — TLS for the console listener (OpenSSL), non-blocking.
 *
 * The TLS port (TN3270TLS) carries the same telnet/TN3270 byte stream as
 * CNSLPORT inside TLS (RFC 8446/5246), the way c3270's "L:" prefix
 * expects it: TLS from the first byte, no STARTTLS negotiation.  These
 * calls wrap OpenSSL for the listener thread of con_telnet.c; every one
 * returns at once (the socket is non-blocking) and says whether it must be
 * called again when the socket is readable or writable.
 */
#ifndef DEVICES_TEL_TLS_H
#define DEVICES_TEL_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct tel_tls; /* the server's certificate and key (an SSL_CTX) */

/* Load a PEM certificate (chain) and its private key.  NULL with a reason. */
struct tel_tls *tel_tls_new(const char *cert, const char *key, char *err, size_t errlen);
void tel_tls_free(struct tel_tls *t);

/* One connection's TLS state (an SSL) on socket fd, or NULL. */
void *tel_tls_conn(struct tel_tls *t, int fd);
/* Shut down (a close_notify if possible) and free.  NULL is fine. */
void tel_tls_conn_free(void *ssl);

enum { TEL_TLS_AGAIN = -2, TEL_TLS_FAIL = -1 };
/* Advance the handshake: 1 done, TEL_TLS_AGAIN (call again when the socket
 * is ready; *want_write: for writing), TEL_TLS_FAIL (reason in err). */
int tel_tls_handshake(void *ssl, bool *want_write, char *err, size_t errlen);
/* Decrypted bytes: > 0, 0 (the peer closed), TEL_TLS_AGAIN, TEL_TLS_FAIL. */
ssize_t tel_tls_read(void *ssl, void *buf, size_t n, bool *want_write);
/* Bytes to encrypt and send: how many were taken (> 0), TEL_TLS_AGAIN,
 * TEL_TLS_FAIL. */
ssize_t tel_tls_write(void *ssl, const void *buf, size_t n, bool *want_write);
/* Decrypted bytes buffered inside OpenSSL (poll does not see them). */
bool tel_tls_pending(void *ssl);
/* "TLSv1.3 TLS_AES_256_GCM_SHA384" for devlist and the log. */
void tel_tls_describe(void *ssl, char *buf, size_t n);

#endif
