'use strict';
// Decrypts one Web Push message body (RFC 8291, aes128gcm content coding of RFC 8188) with the independent
// http_ece implementation, as a receiving browser would.
// stdin: {"body": base64 of the request body, "privateKey": base64url of the receiver's P-256 private scalar,
//         "authSecret": base64url of the 16-byte auth secret}
// stdout: the plaintext, as UTF-8. Exit status 1 and a message on stderr when decryption fails.
const crypto = require('crypto');
const ece = require('http_ece');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  try {
    const request = JSON.parse(input);
    const receiver = crypto.createECDH('prime256v1');
    receiver.setPrivateKey(Buffer.from(request.privateKey, 'base64url'));
    const plaintext = ece.decrypt(Buffer.from(request.body, 'base64'), {
      version: 'aes128gcm',
      privateKey: receiver,
      authSecret: Buffer.from(request.authSecret, 'base64url'),
    });
    process.stdout.write(plaintext);
  } catch (e) {
    process.stderr.write('decrypt.js: ' + e.message + '\n');
    process.exit(1);
  }
});
