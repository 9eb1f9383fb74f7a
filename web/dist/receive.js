// src/bytes.js
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8", { fatal: true });
var utf8 = (text) => encoder.encode(text);
var fromUtf8 = (bytes) => decoder.decode(bytes);
function fromHex(hex) {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error("not a hex string");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}
var toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 32768) binary += String.fromCharCode(...bytes.subarray(i, i + 32768));
  return btoa(binary);
}
function fromBase64(text) {
  if (typeof text !== "string" || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  let binary;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return toBase64(out) === text ? out : null;
}
var toBase64Url = (bytes) => toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
function fromBase64Url(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = fromBase64(standard + "=".repeat((4 - standard.length % 4) % 4));
  return bytes !== null && toBase64Url(bytes) === text ? bytes : null;
}
function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
function wipe(bytes) {
  if (bytes) bytes.fill(0);
}

// i18n/ar.json
var ar_default = { "meta.dir": "rtl", "common.copied": "تم النسخ", "common.copyFailed": "تعذّر النسخ: حدّد النص وانسخه بنفسك", "common.unknownError": "خطأ غير معروف", "receive.intro": "شارك أحدهم معك بيانات اعتماد رقمية. افتح هذا الرابط في متصفح يدعم جافاسكربت واضغط «استلام»، أو في تطبيق محفظة على الجهاز الذي يجب أن يستلمها.", "receive.incomplete": "هذا الرابط ناقص: الجزء الذي بعد العلامة # مفقود، ومن دونه لا يمكن فتح المشاركة. اطلب من المرسل الرابط كاملًا.", "receive.badLink": "هذا ليس رابط مشاركة صالحًا: جزء منه مفقود أو مُعدَّل. اطلب من المرسل الرابط كاملًا.", "receive.carKey": "هذا مفتاح سيارة. لا يستطيع المتصفح الاحتفاظ به: افتح هذا الرابط بتطبيق لمفاتيح السيارات (محفظة رقمية) على الهاتف الذي يجب أن يستلمه. لم يُفتح شيء.", "receive.homeKey": "هذا مفتاح منزل. لا يستطيع المتصفح الاحتفاظ به: افتح هذا الرابط بتطبيق لمفاتيح المنازل (محفظة رقمية) على الهاتف الذي يجب أن يستلمه. لم يُفتح شيء.", "receive.ready": "لم يُفتح شيء بعد. اضغط «استلام» لفتح المشاركة على هذا الجهاز؛ وبعدها لا يمكن فتحها في أي مكان آخر.", "receive.readyPin": "لم يُفتح شيء بعد. اكتب الرمز السري واضغط «استلام» لفتح المشاركة على هذا الجهاز؛ وبعدها لا يمكن فتحها في أي مكان آخر.", "receive.button": "استلام", "receive.pinLabel": "الرمز السري", "receive.pinHintSpake2": "أعطاك المرسل رمزًا سريًا على حدة (٦ أرقام ما لم يقل غير ذلك). لديك محاولة واحدة: الرمز الخاطئ يُنهي المشاركة.", "receive.pinHintRelay": "أعطاك المرسل رمزًا سريًا على حدة (٧ أرقام ما لم يقل غير ذلك). لديك بضع محاولات؛ وبعد آخر محاولة خاطئة تُقفَل المشاركة.", "receive.pinEmpty": "اكتب أولًا الرمز السري الذي أعطاك إياه المرسل.", "receive.pinIncomplete": "هذا ليس رمزًا سريًا كاملًا: اكتب كل أرقامه (من ٦ إلى ٣٢؛ ولا تهمّ المسافات والشرطات).", "receive.receiving": "جارٍ الاستلام…", "receive.pinSent": "جارٍ التحقق من الرمز السري مع جهاز المرسل…", "receive.pinChecking": "جارٍ التحقق من الرمز السري…", "receive.received": "تم الاستلام. أُبلغ المرسل، ولم يعد الرابط يعمل.", "receive.notText": "المحتوى ليس نصًّا؛ لذا يُعرض بترميز base64.", "receive.copy": "نسخ", "receive.failed": "تعذّر استلام المشاركة.", "error.network": "تعذّر الوصول إلى خادم الترحيل.", "error.tooLarge": "السرّ أكبر مما يقبله خادم الترحيل هذا.", "error.busy": "خادم الترحيل مشغول؛ حاول مجددًا بعد دقيقة.", "error.relay": "رفض خادم الترحيل الطلب (HTTP {status}).", "error.pinRequired": "هذه المشاركة محمية برمز سري: اكتب الرمز كاملًا كما أعطاك إياه المرسل (من ٦ إلى ٣٢ رقمًا).", "error.gone": "لم يعد هذا الرابط يعمل: استُلمت المشاركة من قبل، أو ألغاها المرسل، أو انتهت صلاحيتها.", "error.claimed": "استُلمت هذه المشاركة من قبل على جهاز آخر، فلا يمكن فتحها هنا. أخبر المرسل: إن لم تكن أنت من استلمها فهي عند شخص آخر.", "error.locked": "هذه المشاركة مقفلة: جُرّبت رموز سرية خاطئة كثيرة. اطلب من المرسل رابطًا جديدًا.", "error.wrongPin": "رمز سري خاطئ.", "error.wrongPinLeft": { zero: "رمز سري خاطئ؛ لم تبقَ أي محاولة.", one: "رمز سري خاطئ؛ بقيت محاولة واحدة.", two: "رمز سري خاطئ؛ بقيت محاولتان.", few: "رمز سري خاطئ؛ بقيت {count} محاولات.", many: "رمز سري خاطئ؛ بقيت {count} محاولة.", other: "رمز سري خاطئ؛ بقيت {count} محاولة." }, "error.pinNotInLink": "هذه المشاركة محمية برمز سري، لكن الرابط لا يذكر ذلك. اطلب من المرسل الرمز السري والرابط كاملًا.", "error.relayPinMissing": "لا يتحقق خادم الترحيل من أي رمز سري لهذه المشاركة، مع أن الرابط يقول إنه يجب أن يفعل. اطلب من المرسل أن يشارك من جديد.", "error.relayPinMalformed": "ردّ خادم الترحيل على الرمز السري غير سليم.", "error.carKey": "هذه مشاركة لمفتاح سيارة: افتح الرابط بتطبيق لمفاتيح السيارات على الهاتف الذي يجب أن يحتفظ بالمفتاح.", "error.homeKey": "هذه مشاركة لمفتاح منزل: افتح الرابط بتطبيق لمفاتيح المنازل على الهاتف الذي يجب أن يحتفظ بالمفتاح.", "error.empty": "لم يكتب المرسل شيئًا في هذه المشاركة بعد.", "error.damaged": "تعذّر فتح المشاركة بهذا الرابط: إما أنه تالف وإما أن مفتاحه قد غُيّر.", "error.previewChanged": "العنوان أو الوصف الظاهر لهذا الرابط ليس ما كتبه المرسل: لقد غيّره خادم الترحيل. لم يُستلم شيء؛ اطلب من المرسل أن يشارك من جديد.", "error.pinExchangeMalformed": "رسالة تبادل الرمز السري من المرسل غير سليمة.", "error.pinEnded": "انتهت المشاركة مباشرة بعد إرسال الرمز السري: الأرجح أن الرمز كان خاطئًا (فصفحة المرسل تُنهي المشاركة حينها)، أو أن المرسل ألغاها. اطلب من المرسل أن يشارك من جديد.", "error.pinRejected": "الرمز السري خاطئ: رفضه جهاز المرسل وأنهى المشاركة، فلا يمكن المحاولة مرة أخرى. اطلب من المرسل أن يشارك من جديد.", "error.senderCancelled": "ألغى المرسل المشاركة.", "error.pinConfirmationMalformed": "تأكيد الرمز السري من المرسل غير سليم.", "error.pinMismatch": "تأكيد الرمز السري من المرسل غير مطابق: إما أن الرمز كان خاطئًا وإما أن التبادل تعرّض للعبث. لم يُفتح شيء مما أرسله المرسل.", "error.firstMessageDamaged": "تعذّر فتح أول رسالة من المرسل بعد تبادل الرمز السري.", "error.contentMalformed": "المحتوى المشارَك غير سليم.", "error.needsCarKeyApp": "تحتاج هذه المشاركة إلى تطبيق لمفاتيح السيارات (محفظة رقمية تحفظ مفاتيح السيارات)؛ ولا يستطيع المتصفح استلامها.", "error.needsHomeKeyApp": "تحتاج هذه المشاركة إلى تطبيق لمفاتيح المنازل (محفظة رقمية تحفظ مفاتيح المنازل)؛ ولا يستطيع المتصفح استلامها.", "error.needsApp": "تحتاج هذه المشاركة إلى تطبيق يقبل الصيغة «{format}»؛ ولا يستطيع المتصفح استلامها.", "error.timeout": "لم يُجب الطرف الآخر في الوقت المحدد." };

// i18n/de.json
var de_default = { "meta.dir": "ltr", "common.copied": "Kopiert", "common.copyFailed": "Kopieren fehlgeschlagen: Markieren Sie den Text und kopieren Sie ihn selbst", "common.unknownError": "unbekannter Fehler", "receive.intro": "Jemand hat einen digitalen Zugang mit Ihnen geteilt. Öffnen Sie diesen Link in einem Browser mit JavaScript und drücken Sie „Empfangen“, oder öffnen Sie ihn in einer Wallet-App auf dem Gerät, das ihn erhalten soll.", "receive.incomplete": "Dieser Link ist unvollständig: Der Teil hinter dem # fehlt, und ohne ihn lässt sich die Freigabe nicht öffnen. Bitten Sie den Absender um den vollständigen Link.", "receive.badLink": "Das ist kein gültiger Freigabe-Link: Ein Teil fehlt oder wurde verändert. Bitten Sie den Absender um den vollständigen Link.", "receive.carKey": "Das ist ein Autoschlüssel. Ein Browser kann ihn nicht aufbewahren: Öffnen Sie diesen Link mit einer App für Autoschlüssel (einer digitalen Wallet) auf dem Telefon, das ihn erhalten soll. Es wurde nichts geöffnet.", "receive.homeKey": "Das ist ein Hausschlüssel. Ein Browser kann ihn nicht aufbewahren: Öffnen Sie diesen Link mit einer App für Hausschlüssel (einer digitalen Wallet) auf dem Telefon, das ihn erhalten soll. Es wurde nichts geöffnet.", "receive.ready": "Noch wurde nichts geöffnet. Drücken Sie „Empfangen“, um die Freigabe auf diesem Gerät zu öffnen; danach lässt sie sich nirgendwo sonst mehr öffnen.", "receive.readyPin": "Noch wurde nichts geöffnet. Geben Sie die PIN ein und drücken Sie „Empfangen“, um die Freigabe auf diesem Gerät zu öffnen; danach lässt sie sich nirgendwo sonst mehr öffnen.", "receive.button": "Empfangen", "receive.pinLabel": "PIN", "receive.pinHintSpake2": "Der Absender hat Ihnen getrennt eine PIN genannt (6 Ziffern, sofern nicht anders gesagt). Sie haben einen Versuch: Eine falsche PIN beendet die Freigabe.", "receive.pinHintRelay": "Der Absender hat Ihnen getrennt eine PIN genannt (7 Ziffern, sofern nicht anders gesagt). Sie haben einige Versuche; nach dem letzten falschen wird die Freigabe gesperrt.", "receive.pinEmpty": "Geben Sie zuerst die PIN ein, die Ihnen der Absender genannt hat.", "receive.pinIncomplete": "Das ist keine vollständige PIN: Geben Sie alle Ziffern ein (6 bis 32; Leerzeichen und Bindestriche spielen keine Rolle).", "receive.receiving": "Wird empfangen …", "receive.pinSent": "Die PIN wird mit dem Gerät des Absenders geprüft …", "receive.pinChecking": "Die PIN wird geprüft …", "receive.received": "Empfangen. Der Absender wurde benachrichtigt, und der Link funktioniert nicht mehr.", "receive.notText": "Der Inhalt ist kein Text; er wird in Base64 angezeigt.", "receive.copy": "Kopieren", "receive.failed": "Die Freigabe konnte nicht empfangen werden.", "error.network": "Das Relay ist nicht erreichbar.", "error.tooLarge": "Das Geheimnis ist für dieses Relay zu groß.", "error.busy": "Das Relay ist ausgelastet; versuchen Sie es in einer Minute erneut.", "error.relay": "Das Relay hat abgelehnt (HTTP {status}).", "error.pinRequired": "Diese Freigabe ist mit einer PIN geschützt: Geben Sie die vollständige PIN ein, die Ihnen der Absender genannt hat (6 bis 32 Ziffern).", "error.gone": "Dieser Link funktioniert nicht mehr: Die Freigabe wurde bereits empfangen, vom Absender abgebrochen, oder sie ist abgelaufen.", "error.claimed": "Diese Freigabe wurde bereits auf einem anderen Gerät empfangen und lässt sich hier nicht öffnen. Sagen Sie es dem Absender: Wenn Sie das nicht waren, hat sie jemand anderes.", "error.locked": "Diese Freigabe ist gesperrt: Es wurden zu viele falsche PINs eingegeben. Bitten Sie den Absender um einen neuen Link.", "error.wrongPin": "Falsche PIN.", "error.wrongPinLeft": { one: "Falsche PIN; noch {count} Versuch.", other: "Falsche PIN; noch {count} Versuche." }, "error.pinNotInLink": "Diese Freigabe ist mit einer PIN geschützt, aber der Link sagt das nicht. Bitten Sie den Absender um die PIN und den vollständigen Link.", "error.relayPinMissing": "Das Relay prüft für diese Freigabe keine PIN, obwohl der Link es verlangt. Bitten Sie den Absender, erneut zu teilen.", "error.relayPinMalformed": "Die PIN-Auswertung des Relays ist fehlerhaft.", "error.carKey": "Das ist ein geteilter Autoschlüssel: Öffnen Sie den Link mit einer App für Autoschlüssel auf dem Telefon, das den Schlüssel aufbewahren soll.", "error.homeKey": "Das ist ein geteilter Hausschlüssel: Öffnen Sie den Link mit einer App für Hausschlüssel auf dem Telefon, das den Schlüssel aufbewahren soll.", "error.empty": "Der Absender hat in diese Freigabe noch nichts geschrieben.", "error.damaged": "Die Freigabe lässt sich mit diesem Link nicht öffnen: Er ist beschädigt, oder sein Schlüssel wurde verändert.", "error.previewChanged": "Titel oder Beschreibung dieses Links stammen nicht so vom Absender: Das Relay hat sie verändert. Es wurde nichts empfangen; bitten Sie den Absender, erneut zu teilen.", "error.pinExchangeMalformed": "Die PIN-Nachricht des Absenders ist fehlerhaft.", "error.pinEnded": "Die Freigabe endete direkt nach dem Senden der PIN: Vermutlich war die PIN falsch (die Seite des Absenders beendet die Freigabe dann), oder der Absender hat abgebrochen. Bitten Sie den Absender, erneut zu teilen.", "error.pinRejected": "Die PIN war falsch: Das Gerät des Absenders hat sie abgelehnt und die Freigabe beendet, ein weiterer Versuch ist nicht möglich. Bitten Sie den Absender, erneut zu teilen.", "error.senderCancelled": "Der Absender hat die Freigabe abgebrochen.", "error.pinConfirmationMalformed": "Die PIN-Bestätigung des Absenders ist fehlerhaft.", "error.pinMismatch": "Die PIN-Bestätigung des Absenders passt nicht: Die PIN war falsch, oder der Austausch wurde manipuliert. Nichts, was der Absender geschickt hat, wurde geöffnet.", "error.firstMessageDamaged": "Die erste Nachricht des Absenders nach dem PIN-Austausch ließ sich nicht öffnen.", "error.contentMalformed": "Der geteilte Inhalt ist fehlerhaft.", "error.needsCarKeyApp": "Diese Freigabe braucht eine App für Autoschlüssel (eine digitale Wallet, die Autoschlüssel aufbewahrt); ein Browser kann sie nicht annehmen.", "error.needsHomeKeyApp": "Diese Freigabe braucht eine App für Hausschlüssel (eine digitale Wallet, die Hausschlüssel aufbewahrt); ein Browser kann sie nicht annehmen.", "error.needsApp": "Diese Freigabe braucht eine App, die das Format „{format}“ annimmt; ein Browser kann sie nicht annehmen.", "error.timeout": "Die Gegenseite hat nicht rechtzeitig geantwortet." };

// i18n/en.json
var en_default = { "meta.dir": "ltr", "common.copied": "Copied", "common.copyFailed": "Copy failed: select the text and copy it", "common.unknownError": "unknown error", "receive.intro": "Someone shared a digital credential with you. Open this link in a browser with JavaScript and press Receive, or in a wallet app on the device that should receive it.", "receive.incomplete": "This link is incomplete: the part after the # is missing, and without it the share cannot be opened. Ask the sender for the whole link.", "receive.badLink": "This is not a valid share link: part of it is missing or changed. Ask the sender for the whole link.", "receive.carKey": "This is a car key. A browser cannot hold it: open this link with a car key app (a digital wallet) on the phone that should receive it. Nothing was opened.", "receive.homeKey": "This is a home key. A browser cannot hold it: open this link with a home key app (a digital wallet) on the phone that should receive it. Nothing was opened.", "receive.ready": "Nothing has been opened yet. Press Receive to open the share on this device; after that it cannot be opened anywhere else.", "receive.readyPin": "Nothing has been opened yet. Type the PIN and press Receive to open the share on this device; after that it cannot be opened anywhere else.", "receive.button": "Receive", "receive.pinLabel": "PIN", "receive.pinHintSpake2": "The sender gave you a PIN separately (6 digits unless they said otherwise). You have one try: a wrong PIN ends the share.", "receive.pinHintRelay": "The sender gave you a PIN separately (7 digits unless they said otherwise). You have a few tries; after the last wrong one the share is locked.", "receive.pinEmpty": "Type the PIN the sender gave you first.", "receive.pinIncomplete": "That is not a whole PIN: type all its digits (6 to 32; spaces and dashes do not matter).", "receive.receiving": "Receiving...", "receive.pinSent": "Checking the PIN with the sender's device...", "receive.pinChecking": "Checking the PIN...", "receive.received": "Received. The sender was told, and the link no longer works.", "receive.notText": "The content is not text; it is shown in base64.", "receive.copy": "Copy", "receive.failed": "The share could not be received.", "error.network": "The relay could not be reached.", "error.tooLarge": "The secret is too large for this relay.", "error.busy": "The relay is busy; try again in a minute.", "error.relay": "The relay refused it (HTTP {status}).", "error.pinRequired": "This share is protected by a PIN: type the whole PIN the sender gave you (6 to 32 digits).", "error.gone": "This link no longer works: the share was already received, cancelled by the sender, or it expired.", "error.claimed": "This share was already received on another device, so it cannot be opened here. Tell the sender: if that was not you, someone else has it.", "error.locked": "This share is locked: too many wrong PINs were tried. Ask the sender for a new link.", "error.wrongPin": "Wrong PIN.", "error.wrongPinLeft": { one: "Wrong PIN; {count} try left.", other: "Wrong PIN; {count} tries left." }, "error.pinNotInLink": "This share is protected by a PIN, but the link does not say so. Ask the sender for the PIN and the whole link.", "error.relayPinMissing": "The relay does not check a PIN for this share, though the link says it should. Ask the sender to share again.", "error.relayPinMalformed": "The relay's PIN evaluation is malformed.", "error.carKey": "This is a car key share: open the link with a car key app on the phone that should hold the key.", "error.homeKey": "This is a home key share: open the link with a home key app on the phone that should hold the key.", "error.empty": "The sender has not written anything to this share.", "error.damaged": "The share could not be opened with this link: it is damaged, or its key was changed.", "error.previewChanged": "The title or description shown for this link is not the one the sender wrote: the relay changed it. Nothing was received; ask the sender to share again.", "error.pinExchangeMalformed": "The sender's PIN exchange message is malformed.", "error.pinEnded": "The share ended right after the PIN was sent: the PIN was most likely wrong (the sender's page then ends the share), or the sender cancelled. Ask the sender to share again.", "error.pinRejected": "The PIN was wrong: the sender's device rejected it and ended the share, so it cannot be tried again. Ask the sender to share again.", "error.senderCancelled": "The sender cancelled the share.", "error.pinConfirmationMalformed": "The sender's PIN confirmation is malformed.", "error.pinMismatch": "The sender's confirmation of the PIN does not match: the PIN was wrong, or the exchange was tampered with. Nothing the sender sent was opened.", "error.firstMessageDamaged": "The sender's first message after the PIN exchange could not be opened.", "error.contentMalformed": "The shared content is malformed.", "error.needsCarKeyApp": "This share needs a car key app (a digital wallet that holds car keys); a browser cannot take it.", "error.needsHomeKeyApp": "This share needs a home key app (a digital wallet that holds home keys); a browser cannot take it.", "error.needsApp": 'This share needs an app that accepts the format "{format}"; a browser cannot take it.', "error.timeout": "The other side did not answer in time." };

// i18n/es.json
var es_default = { "meta.dir": "ltr", "common.copied": "Copiado", "common.copyFailed": "No se pudo copiar: selecciona el texto y cópialo", "common.unknownError": "error desconocido", "receive.intro": "Alguien ha compartido contigo una credencial digital. Abre este enlace en un navegador con JavaScript y pulsa «Recibir», o en una app de cartera digital en el dispositivo que debe recibirla.", "receive.incomplete": "Este enlace está incompleto: falta la parte que va después del #, y sin ella no se puede abrir. Pide al remitente el enlace completo.", "receive.badLink": "Este no es un enlace válido: falta una parte o se ha modificado. Pide al remitente el enlace completo.", "receive.carKey": "Esto es una llave de coche. Un navegador no puede guardarla: abre este enlace con una app de llaves de coche (una cartera digital) en el teléfono que debe recibirla. No se ha abierto nada.", "receive.homeKey": "Esto es una llave de casa. Un navegador no puede guardarla: abre este enlace con una app de llaves de casa (una cartera digital) en el teléfono que debe recibirla. No se ha abierto nada.", "receive.ready": "Todavía no se ha abierto nada. Pulsa «Recibir» para abrir el contenido en este dispositivo; después ya no se podrá abrir en ningún otro.", "receive.readyPin": "Todavía no se ha abierto nada. Escribe el PIN y pulsa «Recibir» para abrir el contenido en este dispositivo; después ya no se podrá abrir en ningún otro.", "receive.button": "Recibir", "receive.pinLabel": "PIN", "receive.pinHintSpake2": "El remitente te ha dado un PIN aparte (6 dígitos, salvo que te haya dicho otra cosa). Tienes un solo intento: un PIN incorrecto anula el envío.", "receive.pinHintRelay": "El remitente te ha dado un PIN aparte (7 dígitos, salvo que te haya dicho otra cosa). Tienes varios intentos; tras el último fallido, el contenido queda bloqueado.", "receive.pinEmpty": "Primero escribe el PIN que te dio el remitente.", "receive.pinIncomplete": "Ese PIN está incompleto: escribe todos sus dígitos (de 6 a 32; los espacios y guiones no importan).", "receive.receiving": "Recibiendo…", "receive.pinSent": "Comprobando el PIN con el dispositivo del remitente…", "receive.pinChecking": "Comprobando el PIN…", "receive.received": "Recibido. Se ha avisado al remitente y el enlace ya no funciona.", "receive.notText": "El contenido no es texto; se muestra en base64.", "receive.copy": "Copiar", "receive.failed": "No se pudo recibir el contenido.", "error.network": "No se pudo contactar con el relé.", "error.tooLarge": "El secreto es demasiado grande para este relé.", "error.busy": "El relé está ocupado; inténtalo de nuevo en un minuto.", "error.relay": "El relé lo rechazó (HTTP {status}).", "error.pinRequired": "Este contenido está protegido con un PIN: escribe el PIN completo que te dio el remitente (de 6 a 32 dígitos).", "error.gone": "Este enlace ya no funciona: el contenido ya se recibió, el remitente lo canceló o caducó.", "error.claimed": "Este contenido ya se recibió en otro dispositivo, así que no se puede abrir aquí. Avisa al remitente: si no fuiste tú, lo tiene otra persona.", "error.locked": "Este contenido está bloqueado: se probaron demasiados PIN incorrectos. Pide al remitente un enlace nuevo.", "error.wrongPin": "PIN incorrecto.", "error.wrongPinLeft": { one: "PIN incorrecto; queda {count} intento.", many: "PIN incorrecto; quedan {count} intentos.", other: "PIN incorrecto; quedan {count} intentos." }, "error.pinNotInLink": "Este contenido está protegido con un PIN, pero el enlace no lo indica. Pide al remitente el PIN y el enlace completo.", "error.relayPinMissing": "El relé no comprueba ningún PIN para este contenido, aunque el enlace dice que debería. Pide al remitente que lo comparta de nuevo.", "error.relayPinMalformed": "La evaluación del PIN que envió el relé está mal formada.", "error.carKey": "Esto es una llave de coche compartida: abre el enlace con una app de llaves de coche en el teléfono que debe guardarla.", "error.homeKey": "Esto es una llave de casa compartida: abre el enlace con una app de llaves de casa en el teléfono que debe guardarla.", "error.empty": "El remitente todavía no ha escrito nada en este enlace.", "error.damaged": "No se puede abrir el contenido con este enlace: está dañado o se cambió su clave.", "error.previewChanged": "El título o la descripción de este enlace no son los que escribió el remitente: el relé los cambió. No se ha recibido nada; pide al remitente que lo comparta de nuevo.", "error.pinExchangeMalformed": "El mensaje de intercambio del PIN del remitente está mal formado.", "error.pinEnded": "El envío terminó justo después de mandar el PIN: lo más probable es que el PIN fuera incorrecto (la página del remitente lo anula entonces) o que el remitente cancelara. Pide al remitente que lo comparta de nuevo.", "error.pinRejected": "El PIN era incorrecto: el dispositivo del remitente lo rechazó y anuló el envío, así que no se puede volver a intentar. Pide al remitente que lo comparta de nuevo.", "error.senderCancelled": "El remitente canceló el envío.", "error.pinConfirmationMalformed": "La confirmación del PIN del remitente está mal formada.", "error.pinMismatch": "La confirmación del PIN del remitente no coincide: el PIN era incorrecto o alguien manipuló el intercambio. No se ha abierto nada de lo que envió el remitente.", "error.firstMessageDamaged": "No se pudo abrir el primer mensaje del remitente después del intercambio del PIN.", "error.contentMalformed": "El contenido compartido está mal formado.", "error.needsCarKeyApp": "Este contenido necesita una app de llaves de coche (una cartera digital que guarde llaves de coche); un navegador no puede recibirlo.", "error.needsHomeKeyApp": "Este contenido necesita una app de llaves de casa (una cartera digital que guarde llaves de casa); un navegador no puede recibirlo.", "error.needsApp": "Este contenido necesita una app que acepte el formato «{format}»; un navegador no puede recibirlo.", "error.timeout": "La otra parte no respondió a tiempo." };

// i18n/fr.json
var fr_default = { "meta.dir": "ltr", "common.copied": "Copié", "common.copyFailed": "Échec de la copie : sélectionnez le texte et copiez-le vous-même", "common.unknownError": "erreur inconnue", "receive.intro": "Quelqu’un a partagé un identifiant numérique avec vous. Ouvrez ce lien dans un navigateur avec JavaScript et appuyez sur « Recevoir », ou dans une application de portefeuille sur l’appareil qui doit le recevoir.", "receive.incomplete": "Ce lien est incomplet : la partie après le # manque, et sans elle le partage ne peut pas être ouvert. Demandez le lien complet à l’expéditeur.", "receive.badLink": "Ce n’est pas un lien de partage valide : une partie manque ou a été modifiée. Demandez le lien complet à l’expéditeur.", "receive.carKey": "Ceci est une clé de voiture. Un navigateur ne peut pas la conserver : ouvrez ce lien avec une application de clés de voiture (un portefeuille numérique) sur le téléphone qui doit la recevoir. Rien n’a été ouvert.", "receive.homeKey": "Ceci est une clé de maison. Un navigateur ne peut pas la conserver : ouvrez ce lien avec une application de clés de maison (un portefeuille numérique) sur le téléphone qui doit la recevoir. Rien n’a été ouvert.", "receive.ready": "Rien n’a encore été ouvert. Appuyez sur « Recevoir » pour ouvrir le partage sur cet appareil ; il ne pourra ensuite être ouvert nulle part ailleurs.", "receive.readyPin": "Rien n’a encore été ouvert. Saisissez le code PIN et appuyez sur « Recevoir » pour ouvrir le partage sur cet appareil ; il ne pourra ensuite être ouvert nulle part ailleurs.", "receive.button": "Recevoir", "receive.pinLabel": "Code PIN", "receive.pinHintSpake2": "L’expéditeur vous a donné un code PIN à part (6 chiffres, sauf indication contraire). Vous avez un seul essai : un code erroné met fin au partage.", "receive.pinHintRelay": "L’expéditeur vous a donné un code PIN à part (7 chiffres, sauf indication contraire). Vous avez quelques essais ; après le dernier essai erroné, le partage est verrouillé.", "receive.pinEmpty": "Saisissez d’abord le code PIN que l’expéditeur vous a donné.", "receive.pinIncomplete": "Ce code PIN est incomplet : saisissez tous ses chiffres (de 6 à 32 ; les espaces et tirets ne comptent pas).", "receive.receiving": "Réception en cours…", "receive.pinSent": "Vérification du code PIN avec l’appareil de l’expéditeur…", "receive.pinChecking": "Vérification du code PIN…", "receive.received": "Reçu. L’expéditeur a été prévenu, et le lien ne fonctionne plus.", "receive.notText": "Le contenu n’est pas du texte ; il est affiché en base64.", "receive.copy": "Copier", "receive.failed": "Le partage n’a pas pu être reçu.", "error.network": "Le relais est injoignable.", "error.tooLarge": "Le secret est trop volumineux pour ce relais.", "error.busy": "Le relais est occupé ; réessayez dans une minute.", "error.relay": "Le relais a refusé (HTTP {status}).", "error.pinRequired": "Ce partage est protégé par un code PIN : saisissez le code complet que l’expéditeur vous a donné (6 à 32 chiffres).", "error.gone": "Ce lien ne fonctionne plus : le partage a déjà été reçu, annulé par l’expéditeur, ou il a expiré.", "error.claimed": "Ce partage a déjà été reçu sur un autre appareil et ne peut pas être ouvert ici. Prévenez l’expéditeur : si ce n’était pas vous, quelqu’un d’autre l’a.", "error.locked": "Ce partage est verrouillé : trop de codes PIN erronés ont été essayés. Demandez un nouveau lien à l’expéditeur.", "error.wrongPin": "Code PIN erroné.", "error.wrongPinLeft": { one: "Code PIN erroné ; il reste {count} essai.", many: "Code PIN erroné ; il reste {count} essais.", other: "Code PIN erroné ; il reste {count} essais." }, "error.pinNotInLink": "Ce partage est protégé par un code PIN, mais le lien ne l’indique pas. Demandez à l’expéditeur le code PIN et le lien complet.", "error.relayPinMissing": "Le relais ne vérifie aucun code PIN pour ce partage, alors que le lien l’exige. Demandez à l’expéditeur de partager à nouveau.", "error.relayPinMalformed": "L’évaluation du code PIN par le relais est mal formée.", "error.carKey": "Ceci est le partage d’une clé de voiture : ouvrez le lien avec une application de clés de voiture sur le téléphone qui doit conserver la clé.", "error.homeKey": "Ceci est le partage d’une clé de maison : ouvrez le lien avec une application de clés de maison sur le téléphone qui doit conserver la clé.", "error.empty": "L’expéditeur n’a encore rien écrit dans ce partage.", "error.damaged": "Le partage ne peut pas être ouvert avec ce lien : il est endommagé, ou sa clé a été modifiée.", "error.previewChanged": "Le titre ou la description affichés pour ce lien ne sont pas ceux de l’expéditeur : le relais les a modifiés. Rien n’a été reçu ; demandez à l’expéditeur de partager à nouveau.", "error.pinExchangeMalformed": "Le message d’échange de code PIN de l’expéditeur est mal formé.", "error.pinEnded": "Le partage a pris fin juste après l’envoi du code PIN : le code était très probablement erroné (la page de l’expéditeur met alors fin au partage), ou l’expéditeur a annulé. Demandez-lui de partager à nouveau.", "error.pinRejected": "Le code PIN était erroné : l’appareil de l’expéditeur l’a refusé et a mis fin au partage, il n’est donc plus possible de réessayer. Demandez à l’expéditeur de partager à nouveau.", "error.senderCancelled": "L’expéditeur a annulé le partage.", "error.pinConfirmationMalformed": "La confirmation du code PIN par l’expéditeur est mal formée.", "error.pinMismatch": "La confirmation du code PIN par l’expéditeur ne correspond pas : le code était erroné, ou l’échange a été falsifié. Rien de ce que l’expéditeur a envoyé n’a été ouvert.", "error.firstMessageDamaged": "Le premier message de l’expéditeur après l’échange du code PIN n’a pas pu être ouvert.", "error.contentMalformed": "Le contenu partagé est mal formé.", "error.needsCarKeyApp": "Ce partage nécessite une application de clés de voiture (un portefeuille numérique qui conserve les clés de voiture) ; un navigateur ne peut pas le recevoir.", "error.needsHomeKeyApp": "Ce partage nécessite une application de clés de maison (un portefeuille numérique qui conserve les clés de maison) ; un navigateur ne peut pas le recevoir.", "error.needsApp": "Ce partage nécessite une application qui accepte le format « {format} » ; un navigateur ne peut pas le recevoir.", "error.timeout": "L’autre partie n’a pas répondu à temps." };

// i18n/it.json
var it_default = { "meta.dir": "ltr", "common.copied": "Copiato", "common.copyFailed": "Copia non riuscita: seleziona il testo e copialo", "common.unknownError": "errore sconosciuto", "receive.intro": "Qualcuno ha condiviso con te una credenziale digitale. Apri questo link in un browser con JavaScript e premi «Ricevi», oppure in un’app portafoglio sul dispositivo che deve riceverla.", "receive.incomplete": "Questo link è incompleto: manca la parte dopo il #, e senza di essa la condivisione non si può aprire. Chiedi al mittente il link completo.", "receive.badLink": "Questo non è un link di condivisione valido: una parte manca o è stata modificata. Chiedi al mittente il link completo.", "receive.carKey": "Questa è una chiave dell’auto. Un browser non può conservarla: apri questo link con un’app per chiavi dell’auto (un portafoglio digitale) sul telefono che deve riceverla. Non è stato aperto nulla.", "receive.homeKey": "Questa è una chiave di casa. Un browser non può conservarla: apri questo link con un’app per chiavi di casa (un portafoglio digitale) sul telefono che deve riceverla. Non è stato aperto nulla.", "receive.ready": "Non è ancora stato aperto nulla. Premi «Ricevi» per aprire la condivisione su questo dispositivo; dopo non si potrà più aprire altrove.", "receive.readyPin": "Non è ancora stato aperto nulla. Inserisci il PIN e premi «Ricevi» per aprire la condivisione su questo dispositivo; dopo non si potrà più aprire altrove.", "receive.button": "Ricevi", "receive.pinLabel": "PIN", "receive.pinHintSpake2": "Il mittente ti ha dato un PIN a parte (6 cifre, salvo diversa indicazione). Hai un solo tentativo: un PIN sbagliato chiude la condivisione.", "receive.pinHintRelay": "Il mittente ti ha dato un PIN a parte (7 cifre, salvo diversa indicazione). Hai qualche tentativo; dopo l’ultimo sbagliato la condivisione viene bloccata.", "receive.pinEmpty": "Inserisci prima il PIN che ti ha dato il mittente.", "receive.pinIncomplete": "Il PIN è incompleto: inserisci tutte le cifre (da 6 a 32; spazi e trattini non contano).", "receive.receiving": "Ricezione in corso…", "receive.pinSent": "Verifica del PIN con il dispositivo del mittente…", "receive.pinChecking": "Verifica del PIN…", "receive.received": "Ricevuto. Il mittente è stato avvisato e il link non funziona più.", "receive.notText": "Il contenuto non è testo; viene mostrato in base64.", "receive.copy": "Copia", "receive.failed": "Impossibile ricevere la condivisione.", "error.network": "Impossibile raggiungere il relay.", "error.tooLarge": "Il segreto è troppo grande per questo relay.", "error.busy": "Il relay è occupato; riprova tra un minuto.", "error.relay": "Il relay ha rifiutato (HTTP {status}).", "error.pinRequired": "Questa condivisione è protetta da un PIN: inserisci il PIN completo che ti ha dato il mittente (da 6 a 32 cifre).", "error.gone": "Questo link non funziona più: la condivisione è già stata ricevuta, annullata dal mittente, oppure è scaduta.", "error.claimed": "Questa condivisione è già stata ricevuta su un altro dispositivo, quindi non si può aprire qui. Avvisa il mittente: se non eri tu, ce l’ha qualcun altro.", "error.locked": "Questa condivisione è bloccata: sono stati provati troppi PIN sbagliati. Chiedi al mittente un nuovo link.", "error.wrongPin": "PIN sbagliato.", "error.wrongPinLeft": { one: "PIN sbagliato; resta {count} tentativo.", many: "PIN sbagliato; restano {count} tentativi.", other: "PIN sbagliato; restano {count} tentativi." }, "error.pinNotInLink": "Questa condivisione è protetta da un PIN, ma il link non lo dice. Chiedi al mittente il PIN e il link completo.", "error.relayPinMissing": "Il relay non controlla alcun PIN per questa condivisione, anche se il link dice che dovrebbe. Chiedi al mittente di condividere di nuovo.", "error.relayPinMalformed": "La valutazione del PIN inviata dal relay non è valida.", "error.carKey": "Questa è la condivisione di una chiave dell’auto: apri il link con un’app per chiavi dell’auto sul telefono che deve conservarla.", "error.homeKey": "Questa è la condivisione di una chiave di casa: apri il link con un’app per chiavi di casa sul telefono che deve conservarla.", "error.empty": "Il mittente non ha ancora scritto nulla in questa condivisione.", "error.damaged": "Impossibile aprire la condivisione con questo link: è danneggiato, oppure la sua chiave è stata modificata.", "error.previewChanged": "Il titolo o la descrizione mostrati per questo link non sono quelli scritti dal mittente: il relay li ha modificati. Non è stato ricevuto nulla; chiedi al mittente di condividere di nuovo.", "error.pinExchangeMalformed": "Il messaggio di scambio del PIN del mittente non è valido.", "error.pinEnded": "La condivisione si è chiusa subito dopo l’invio del PIN: molto probabilmente il PIN era sbagliato (in quel caso la pagina del mittente chiude la condivisione), oppure il mittente ha annullato. Chiedi al mittente di condividere di nuovo.", "error.pinRejected": "Il PIN era sbagliato: il dispositivo del mittente l’ha rifiutato e ha chiuso la condivisione, quindi non si può riprovare. Chiedi al mittente di condividere di nuovo.", "error.senderCancelled": "Il mittente ha annullato la condivisione.", "error.pinConfirmationMalformed": "La conferma del PIN del mittente non è valida.", "error.pinMismatch": "La conferma del PIN del mittente non corrisponde: il PIN era sbagliato, oppure lo scambio è stato manomesso. Non è stato aperto nulla di ciò che il mittente ha inviato.", "error.firstMessageDamaged": "Impossibile aprire il primo messaggio del mittente dopo lo scambio del PIN.", "error.contentMalformed": "Il contenuto condiviso non è valido.", "error.needsCarKeyApp": "Questa condivisione richiede un’app per chiavi dell’auto (un portafoglio digitale che conserva chiavi dell’auto); un browser non può riceverla.", "error.needsHomeKeyApp": "Questa condivisione richiede un’app per chiavi di casa (un portafoglio digitale che conserva chiavi di casa); un browser non può riceverla.", "error.needsApp": "Questa condivisione richiede un’app che accetti il formato «{format}»; un browser non può riceverla.", "error.timeout": "L’altra parte non ha risposto in tempo." };

// i18n/nl.json
var nl_default = { "meta.dir": "ltr", "common.copied": "Gekopieerd", "common.copyFailed": "Kopiëren mislukt: selecteer de tekst en kopieer hem zelf", "common.unknownError": "onbekende fout", "receive.intro": "Iemand heeft een digitale toegangssleutel met je gedeeld. Open deze link in een browser met JavaScript en druk op „Ontvangen”, of in een wallet-app op het apparaat dat hem moet ontvangen.", "receive.incomplete": "Deze link is onvolledig: het deel na het # ontbreekt, en zonder dat deel kan het geheim niet worden geopend. Vraag de afzender om de volledige link.", "receive.badLink": "Dit is geen geldige deellink: er ontbreekt een deel of er is iets veranderd. Vraag de afzender om de volledige link.", "receive.carKey": "Dit is een autosleutel. Een browser kan die niet bewaren: open deze link met een app voor autosleutels (een digitale wallet) op de telefoon die hem moet ontvangen. Er is niets geopend.", "receive.homeKey": "Dit is een huissleutel. Een browser kan die niet bewaren: open deze link met een app voor huissleutels (een digitale wallet) op de telefoon die hem moet ontvangen. Er is niets geopend.", "receive.ready": "Er is nog niets geopend. Druk op „Ontvangen” om het geheim op dit apparaat te openen; daarna kan het nergens anders meer worden geopend.", "receive.readyPin": "Er is nog niets geopend. Typ de pincode en druk op „Ontvangen” om het geheim op dit apparaat te openen; daarna kan het nergens anders meer worden geopend.", "receive.button": "Ontvangen", "receive.pinLabel": "Pincode", "receive.pinHintSpake2": "De afzender heeft je apart een pincode gegeven (6 cijfers, tenzij anders gezegd). Je hebt één poging: een foute pincode beëindigt het delen.", "receive.pinHintRelay": "De afzender heeft je apart een pincode gegeven (7 cijfers, tenzij anders gezegd). Je hebt een paar pogingen; na de laatste foute wordt het geheim vergrendeld.", "receive.pinEmpty": "Typ eerst de pincode die je van de afzender hebt gekregen.", "receive.pinIncomplete": "Dat is geen volledige pincode: typ alle cijfers (6 tot 32; spaties en streepjes maken niet uit).", "receive.receiving": "Bezig met ontvangen…", "receive.pinSent": "De pincode wordt gecontroleerd met het apparaat van de afzender…", "receive.pinChecking": "De pincode wordt gecontroleerd…", "receive.received": "Ontvangen. De afzender heeft bericht gekregen, en de link werkt niet meer.", "receive.notText": "De inhoud is geen tekst; hij wordt in base64 getoond.", "receive.copy": "Kopiëren", "receive.failed": "Het geheim kon niet worden ontvangen.", "error.network": "De relay is niet bereikbaar.", "error.tooLarge": "Het geheim is te groot voor deze relay.", "error.busy": "De relay is druk; probeer het over een minuut opnieuw.", "error.relay": "De relay heeft het geweigerd (HTTP {status}).", "error.pinRequired": "Dit geheim is beveiligd met een pincode: typ de volledige pincode die je van de afzender hebt gekregen (6 tot 32 cijfers).", "error.gone": "Deze link werkt niet meer: het geheim is al ontvangen, door de afzender geannuleerd, of het is verlopen.", "error.claimed": "Dit geheim is al op een ander apparaat ontvangen en kan hier niet worden geopend. Laat het de afzender weten: als jij dat niet was, heeft iemand anders het.", "error.locked": "Dit geheim is vergrendeld: er zijn te veel foute pincodes geprobeerd. Vraag de afzender om een nieuwe link.", "error.wrongPin": "Foute pincode.", "error.wrongPinLeft": { one: "Foute pincode; nog {count} poging.", other: "Foute pincode; nog {count} pogingen." }, "error.pinNotInLink": "Dit geheim is beveiligd met een pincode, maar de link vermeldt dat niet. Vraag de afzender om de pincode en de volledige link.", "error.relayPinMissing": "De relay controleert voor dit geheim geen pincode, hoewel de link zegt dat dat moet. Vraag de afzender om opnieuw te delen.", "error.relayPinMalformed": "De pincode-evaluatie van de relay is ongeldig.", "error.carKey": "Dit is een gedeelde autosleutel: open de link met een app voor autosleutels op de telefoon die de sleutel moet bewaren.", "error.homeKey": "Dit is een gedeelde huissleutel: open de link met een app voor huissleutels op de telefoon die de sleutel moet bewaren.", "error.empty": "De afzender heeft nog niets in dit gedeelde item gezet.", "error.damaged": "Het geheim kan met deze link niet worden geopend: de link is beschadigd, of de sleutel is veranderd.", "error.previewChanged": "De titel of beschrijving bij deze link is niet wat de afzender schreef: de relay heeft die veranderd. Er is niets ontvangen; vraag de afzender om opnieuw te delen.", "error.pinExchangeMalformed": "Het pincodebericht van de afzender is ongeldig.", "error.pinEnded": "Het delen stopte direct nadat de pincode was verstuurd: waarschijnlijk was de pincode fout (de pagina van de afzender beëindigt het delen dan), of de afzender heeft geannuleerd. Vraag de afzender om opnieuw te delen.", "error.pinRejected": "De pincode was fout: het apparaat van de afzender heeft hem geweigerd en het delen beëindigd, dus opnieuw proberen kan niet. Vraag de afzender om opnieuw te delen.", "error.senderCancelled": "De afzender heeft het delen geannuleerd.", "error.pinConfirmationMalformed": "De pincodebevestiging van de afzender is ongeldig.", "error.pinMismatch": "De pincodebevestiging van de afzender klopt niet: de pincode was fout, of er is met de uitwisseling geknoeid. Niets van wat de afzender stuurde, is geopend.", "error.firstMessageDamaged": "Het eerste bericht van de afzender na de pincode-uitwisseling kon niet worden geopend.", "error.contentMalformed": "De gedeelde inhoud is ongeldig.", "error.needsCarKeyApp": "Dit geheim vraagt om een app voor autosleutels (een digitale wallet die autosleutels bewaart); een browser kan het niet aannemen.", "error.needsHomeKeyApp": "Dit geheim vraagt om een app voor huissleutels (een digitale wallet die huissleutels bewaart); een browser kan het niet aannemen.", "error.needsApp": "Dit geheim vraagt om een app die het formaat „{format}” aanneemt; een browser kan het niet aannemen.", "error.timeout": "De andere kant heeft niet op tijd geantwoord." };

// i18n/pl.json
var pl_default = { "meta.dir": "ltr", "common.copied": "Skopiowano", "common.copyFailed": "Nie udało się skopiować: zaznacz tekst i skopiuj go samodzielnie", "common.unknownError": "nieznany błąd", "receive.intro": "Ktoś udostępnił Ci cyfrowe poświadczenie. Otwórz ten link w przeglądarce z JavaScriptem i naciśnij „Odbierz” albo w aplikacji portfela na urządzeniu, które ma je otrzymać.", "receive.incomplete": "Ten link jest niepełny: brakuje części po znaku #, a bez niej nie da się otworzyć sekretu. Poproś nadawcę o cały link.", "receive.badLink": "To nie jest prawidłowy link: brakuje jego części lub został zmieniony. Poproś nadawcę o cały link.", "receive.carKey": "To jest kluczyk do samochodu. Przeglądarka nie może go przechowywać: otwórz ten link w aplikacji do kluczyków samochodowych (cyfrowym portfelu) na telefonie, który ma go otrzymać. Nic nie zostało otwarte.", "receive.homeKey": "To jest klucz do domu. Przeglądarka nie może go przechowywać: otwórz ten link w aplikacji do kluczy do domu (cyfrowym portfelu) na telefonie, który ma go otrzymać. Nic nie zostało otwarte.", "receive.ready": "Jeszcze nic nie zostało otwarte. Naciśnij „Odbierz”, aby otworzyć sekret na tym urządzeniu; potem nie da się go otworzyć nigdzie indziej.", "receive.readyPin": "Jeszcze nic nie zostało otwarte. Wpisz PIN i naciśnij „Odbierz”, aby otworzyć sekret na tym urządzeniu; potem nie da się go otworzyć nigdzie indziej.", "receive.button": "Odbierz", "receive.pinLabel": "PIN", "receive.pinHintSpake2": "Nadawca przekazał Ci PIN osobno (6 cyfr, chyba że mówił inaczej). Masz jedną próbę: błędny PIN kończy udostępnianie.", "receive.pinHintRelay": "Nadawca przekazał Ci PIN osobno (7 cyfr, chyba że mówił inaczej). Masz kilka prób; po ostatniej błędnej sekret zostaje zablokowany.", "receive.pinEmpty": "Najpierw wpisz PIN od nadawcy.", "receive.pinIncomplete": "To nie jest pełny PIN: wpisz wszystkie cyfry (od 6 do 32; spacje i myślniki nie mają znaczenia).", "receive.receiving": "Odbieranie…", "receive.pinSent": "Sprawdzanie PIN-u z urządzeniem nadawcy…", "receive.pinChecking": "Sprawdzanie PIN-u…", "receive.received": "Odebrano. Nadawca został powiadomiony, a link już nie działa.", "receive.notText": "Zawartość nie jest tekstem; jest pokazana w base64.", "receive.copy": "Kopiuj", "receive.failed": "Nie udało się odebrać sekretu.", "error.network": "Nie można połączyć się z przekaźnikiem.", "error.tooLarge": "Sekret jest za duży dla tego przekaźnika.", "error.busy": "Przekaźnik jest zajęty; spróbuj ponownie za minutę.", "error.relay": "Przekaźnik odmówił (HTTP {status}).", "error.pinRequired": "Ten sekret jest chroniony kodem PIN: wpisz cały PIN od nadawcy (od 6 do 32 cyfr).", "error.gone": "Ten link już nie działa: sekret został już odebrany, nadawca go anulował albo wygasł.", "error.claimed": "Ten sekret został już odebrany na innym urządzeniu, więc nie można go tu otworzyć. Powiedz o tym nadawcy: jeśli to nie Ty, ma go ktoś inny.", "error.locked": "Ten sekret jest zablokowany: wpisano zbyt wiele błędnych PIN-ów. Poproś nadawcę o nowy link.", "error.wrongPin": "Błędny PIN.", "error.wrongPinLeft": { one: "Błędny PIN; pozostała {count} próba.", few: "Błędny PIN; pozostały {count} próby.", many: "Błędny PIN; pozostało {count} prób.", other: "Błędny PIN; pozostało {count} próby." }, "error.pinNotInLink": "Ten sekret jest chroniony kodem PIN, ale link o tym nie mówi. Poproś nadawcę o PIN i cały link.", "error.relayPinMissing": "Przekaźnik nie sprawdza PIN-u dla tego sekretu, choć link mówi, że powinien. Poproś nadawcę o ponowne udostępnienie.", "error.relayPinMalformed": "Odpowiedź przekaźnika na PIN jest nieprawidłowa.", "error.carKey": "To udostępniony kluczyk do samochodu: otwórz link w aplikacji do kluczyków samochodowych na telefonie, który ma go przechowywać.", "error.homeKey": "To udostępniony klucz do domu: otwórz link w aplikacji do kluczy do domu na telefonie, który ma go przechowywać.", "error.empty": "Nadawca nie zapisał jeszcze niczego w tym udostępnieniu.", "error.damaged": "Nie da się otworzyć sekretu tym linkiem: link jest uszkodzony albo zmieniono jego klucz.", "error.previewChanged": "Tytuł lub opis pokazany przy tym linku nie pochodzi od nadawcy: zmienił go przekaźnik. Nic nie zostało odebrane; poproś nadawcę o ponowne udostępnienie.", "error.pinExchangeMalformed": "Wiadomość nadawcy z wymianą PIN-u jest nieprawidłowa.", "error.pinEnded": "Udostępnianie zakończyło się tuż po wysłaniu PIN-u: najpewniej PIN był błędny (strona nadawcy kończy wtedy udostępnianie) albo nadawca anulował. Poproś nadawcę o ponowne udostępnienie.", "error.pinRejected": "PIN był błędny: urządzenie nadawcy go odrzuciło i zakończyło udostępnianie, więc nie można spróbować ponownie. Poproś nadawcę o ponowne udostępnienie.", "error.senderCancelled": "Nadawca anulował udostępnianie.", "error.pinConfirmationMalformed": "Potwierdzenie PIN-u od nadawcy jest nieprawidłowe.", "error.pinMismatch": "Potwierdzenie PIN-u od nadawcy się nie zgadza: PIN był błędny albo ktoś ingerował w wymianę. Nic z tego, co wysłał nadawca, nie zostało otwarte.", "error.firstMessageDamaged": "Nie udało się otworzyć pierwszej wiadomości nadawcy po wymianie PIN-u.", "error.contentMalformed": "Udostępniona zawartość jest nieprawidłowa.", "error.needsCarKeyApp": "Ten sekret wymaga aplikacji do kluczyków samochodowych (cyfrowego portfela na kluczyki); przeglądarka nie może go przyjąć.", "error.needsHomeKeyApp": "Ten sekret wymaga aplikacji do kluczy do domu (cyfrowego portfela na klucze); przeglądarka nie może go przyjąć.", "error.needsApp": "Ten sekret wymaga aplikacji obsługującej format „{format}”; przeglądarka nie może go przyjąć.", "error.timeout": "Druga strona nie odpowiedziała na czas." };

// i18n/pt.json
var pt_default = { "meta.dir": "ltr", "common.copied": "Copiado", "common.copyFailed": "Não foi possível copiar: selecione o texto e copie-o", "common.unknownError": "erro desconhecido", "receive.intro": "Alguém partilhou consigo uma credencial digital. Abra este link num navegador com JavaScript e carregue em «Receber», ou numa aplicação de carteira no dispositivo que a deve receber.", "receive.incomplete": "Este link está incompleto: falta a parte depois do #, e sem ela não é possível abrir a partilha. Peça o link completo ao remetente.", "receive.badLink": "Este não é um link de partilha válido: falta uma parte ou foi alterado. Peça o link completo ao remetente.", "receive.carKey": "Isto é uma chave de carro. Um navegador não a pode guardar: abra este link com uma aplicação de chaves de carro (uma carteira digital) no telemóvel que a deve receber. Nada foi aberto.", "receive.homeKey": "Isto é uma chave de casa. Um navegador não a pode guardar: abra este link com uma aplicação de chaves de casa (uma carteira digital) no telemóvel que a deve receber. Nada foi aberto.", "receive.ready": "Ainda nada foi aberto. Carregue em «Receber» para abrir a partilha neste dispositivo; depois disso, não pode ser aberta em mais lado nenhum.", "receive.readyPin": "Ainda nada foi aberto. Escreva o PIN e carregue em «Receber» para abrir a partilha neste dispositivo; depois disso, não pode ser aberta em mais lado nenhum.", "receive.button": "Receber", "receive.pinLabel": "PIN", "receive.pinHintSpake2": "O remetente deu-lhe um PIN à parte (6 dígitos, salvo indicação em contrário). Tem uma única tentativa: um PIN errado termina a partilha.", "receive.pinHintRelay": "O remetente deu-lhe um PIN à parte (7 dígitos, salvo indicação em contrário). Tem algumas tentativas; depois da última errada, a partilha fica bloqueada.", "receive.pinEmpty": "Escreva primeiro o PIN que o remetente lhe deu.", "receive.pinIncomplete": "Esse PIN está incompleto: escreva todos os dígitos (de 6 a 32; espaços e hífenes não contam).", "receive.receiving": "A receber…", "receive.pinSent": "A verificar o PIN com o dispositivo do remetente…", "receive.pinChecking": "A verificar o PIN…", "receive.received": "Recebido. O remetente foi avisado e o link já não funciona.", "receive.notText": "O conteúdo não é texto; é mostrado em base64.", "receive.copy": "Copiar", "receive.failed": "Não foi possível receber a partilha.", "error.network": "Não foi possível contactar o relay.", "error.tooLarge": "O segredo é demasiado grande para este relay.", "error.busy": "O relay está ocupado; tente de novo daqui a um minuto.", "error.relay": "O relay recusou (HTTP {status}).", "error.pinRequired": "Esta partilha está protegida por um PIN: escreva o PIN completo que o remetente lhe deu (6 a 32 dígitos).", "error.gone": "Este link já não funciona: a partilha já foi recebida, foi cancelada pelo remetente ou expirou.", "error.claimed": "Esta partilha já foi recebida noutro dispositivo, por isso não pode ser aberta aqui. Avise o remetente: se não foi o próprio, outra pessoa tem-na.", "error.locked": "Esta partilha está bloqueada: foram tentados demasiados PIN errados. Peça um novo link ao remetente.", "error.wrongPin": "PIN errado.", "error.wrongPinLeft": { one: "PIN errado; resta {count} tentativa.", many: "PIN errado; restam {count} tentativas.", other: "PIN errado; restam {count} tentativas." }, "error.pinNotInLink": "Esta partilha está protegida por um PIN, mas o link não o indica. Peça ao remetente o PIN e o link completo.", "error.relayPinMissing": "O relay não verifica nenhum PIN para esta partilha, embora o link diga que devia. Peça ao remetente que partilhe de novo.", "error.relayPinMalformed": "A avaliação do PIN enviada pelo relay é inválida.", "error.carKey": "Isto é a partilha de uma chave de carro: abra o link com uma aplicação de chaves de carro no telemóvel que a deve guardar.", "error.homeKey": "Isto é a partilha de uma chave de casa: abra o link com uma aplicação de chaves de casa no telemóvel que a deve guardar.", "error.empty": "O remetente ainda não escreveu nada nesta partilha.", "error.damaged": "Não é possível abrir a partilha com este link: está danificado ou a sua chave foi alterada.", "error.previewChanged": "O título ou a descrição mostrados para este link não são os que o remetente escreveu: o relay alterou-os. Nada foi recebido; peça ao remetente que partilhe de novo.", "error.pinExchangeMalformed": "A mensagem de troca do PIN do remetente é inválida.", "error.pinEnded": "A partilha terminou logo após o envio do PIN: muito provavelmente o PIN estava errado (a página do remetente termina então a partilha), ou o remetente cancelou. Peça ao remetente que partilhe de novo.", "error.pinRejected": "O PIN estava errado: o dispositivo do remetente recusou-o e terminou a partilha, por isso não é possível tentar de novo. Peça ao remetente que partilhe de novo.", "error.senderCancelled": "O remetente cancelou a partilha.", "error.pinConfirmationMalformed": "A confirmação do PIN do remetente é inválida.", "error.pinMismatch": "A confirmação do PIN do remetente não corresponde: o PIN estava errado ou a troca foi adulterada. Nada do que o remetente enviou foi aberto.", "error.firstMessageDamaged": "Não foi possível abrir a primeira mensagem do remetente após a troca do PIN.", "error.contentMalformed": "O conteúdo partilhado é inválido.", "error.needsCarKeyApp": "Esta partilha precisa de uma aplicação de chaves de carro (uma carteira digital que guarde chaves de carro); um navegador não a pode receber.", "error.needsHomeKeyApp": "Esta partilha precisa de uma aplicação de chaves de casa (uma carteira digital que guarde chaves de casa); um navegador não a pode receber.", "error.needsApp": "Esta partilha precisa de uma aplicação que aceite o formato «{format}»; um navegador não a pode receber.", "error.timeout": "O outro lado não respondeu a tempo." };

// src/i18n.js
var CATALOGS = { en: en_default, ar: ar_default, de: de_default, es: es_default, fr: fr_default, it: it_default, nl: nl_default, pl: pl_default, pt: pt_default };
var FALLBACK_LANGUAGE = "en";
function chooseLanguage(preferred) {
  for (const tag of preferred ?? []) {
    const primary = String(tag).split("-")[0].toLowerCase();
    if (Object.hasOwn(CATALOGS, primary)) return primary;
  }
  return FALLBACK_LANGUAGE;
}
function direction(language) {
  return CATALOGS[language]?.["meta.dir"] === "rtl" ? "rtl" : "ltr";
}
function format(language, key, values = {}) {
  const lang = Object.hasOwn(CATALOGS, language) ? language : FALLBACK_LANGUAGE;
  let message = CATALOGS[lang][key] ?? CATALOGS[FALLBACK_LANGUAGE][key];
  if (message === void 0) throw new RangeError(`No message ${key}`);
  if (typeof message !== "string") {
    const forms = message;
    message = forms[new Intl.PluralRules(lang).select(Number(values.count))] ?? forms.other;
  }
  const numbers = new Intl.NumberFormat(lang, { useGrouping: false });
  return message.replace(/\{(\w+)\}/g, (hole, name) => {
    if (!Object.hasOwn(values, name)) return hole;
    const value = values[name];
    return typeof value === "number" ? numbers.format(value) : value;
  });
}
var current = FALLBACK_LANGUAGE;
function t(key, values) {
  return format(current, key, values);
}
function localizeDocument(doc) {
  const nav = doc.defaultView?.navigator;
  current = chooseLanguage(nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : []);
  doc.documentElement.lang = current;
  doc.documentElement.dir = direction(current);
  for (const element of doc.querySelectorAll("[data-i18n]")) {
    element.textContent = t(
      /** @type {string} */
      /** @type {HTMLElement} */
      element.dataset.i18n
    );
  }
}

// src/hkdf.js
async function hmac(key, data, hash = "SHA-256") {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
}
var sha256 = async (data) => new Uint8Array(await crypto.subtle.digest("SHA-256", data));
var hkdfExtract = (salt, ikm) => hmac(salt.length === 0 ? new Uint8Array(32) : salt, ikm);
async function hkdfExpand(prk, info, length, hash = (
  /** @type {'SHA-256'|'SHA-384'} */
  "SHA-256"
)) {
  const blocks = [];
  let previous = new Uint8Array(0);
  let total = 0;
  for (let i = 1; total < length; i++) {
    previous = await hmac(prk, concat(previous, info, Uint8Array.of(i)), hash);
    blocks.push(previous);
    total += previous.length;
  }
  return concat(...blocks).slice(0, length);
}
function expandLabel(secret, label, context, length, hash = (
  /** @type {'SHA-256'|'SHA-384'} */
  "SHA-256"
)) {
  const fullLabel = utf8(`tls13 ${label}`);
  const info = concat(Uint8Array.of(length >> 8, length & 255, fullLabel.length), fullLabel, Uint8Array.of(context.length), context);
  return hkdfExpand(secret, info, length, hash);
}

// src/payload.js
var IV_LENGTH = 12;
var TAG_LENGTH = 16;
function payloadAad(dir, n, label = "tigress-mailbox/1") {
  if (dir !== "i2r" && dir !== "r2i") throw new Error("direction is i2r or r2i");
  if (!Number.isSafeInteger(n) || n < 0) throw new Error("the message number is a non-negative integer");
  return utf8(`${label} ${dir} ${n}`);
}
function payloadType(length) {
  if (length === 16) return "AEAD_AES_128_GCM";
  if (length === 32) return "AEAD_AES_256_GCM";
  throw new Error("a share key is 16 or 32 bytes");
}
async function importShareKey(secret) {
  const type = payloadType(secret.length);
  const key = await crypto.subtle.importKey("raw", secret, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { key, type };
}
async function gcmSeal(key, aad, plaintext, iv = crypto.getRandomValues(new Uint8Array(IV_LENGTH))) {
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad, tagLength: 128 }, key, plaintext);
  return concat(iv, new Uint8Array(sealed));
}
async function gcmOpen(key, aad, data) {
  if (data.length < IV_LENGTH + TAG_LENGTH) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: data.subarray(0, IV_LENGTH), additionalData: aad, tagLength: 128 },
      key,
      data.subarray(IV_LENGTH)
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
async function sealPayload(shareKey, dir, n, plaintext, iv) {
  return { type: shareKey.type, data: toBase64(await gcmSeal(shareKey.key, payloadAad(dir, n), plaintext, iv)) };
}
async function openPayload(shareKey, dir, n, payload) {
  if (!payload || payload.type !== shareKey.type || typeof payload.data !== "string") return null;
  const data = fromBase64(payload.data);
  return data === null ? null : gcmOpen(shareKey.key, payloadAad(dir, n), data);
}

// node_modules/@noble/hashes/_u64.js
var fromNumH = (n) => n / 2 ** 32 | 0;
var fromNumL = (n) => n >>> 0;
function setU64FromNum(view, byteOffset, n, isLE) {
  const h = fromNumH(n);
  const l = fromNumL(n);
  view.setUint32(byteOffset, isLE ? l : h, isLE);
  view.setUint32(byteOffset + 4, isLE ? h : l, isLE);
}

// node_modules/@noble/hashes/utils.js
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
var atitle = (title) => title ? `"${title}" ` : "";
function anumber(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle(title) + "expected integer >= 0, got " + n);
  return n;
}
function abytes(value, length, title = "") {
  if (isBytes(value) && (length === void 0 || value.length === length))
    return value;
  if (length !== void 0)
    anumber(length, "length");
  const bytes = isBytes(value);
  const ofLen = length !== void 0 ? ` of length ${length}` : "";
  const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes)
    throw new TypeError(message);
  throw new RangeError(message);
}
function ahash(h) {
  if (typeof h !== "function" || typeof h.create !== "function")
    throw new TypeError("expected hash wrapped by utils.createHasher");
  anumber(h.outputLen);
  anumber(h.blockLen);
  if (h.outputLen < 1 || h.blockLen < 1)
    throw new Error("hash blockLen / outputLen must be >= 1");
}
var aobject = (value, label) => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
};
var aopts = (value, label) => {
  aobject(value, label);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`"${label}" expected plain object`);
  if (Object.hasOwn(value, "__proto__"))
    throw new TypeError(`"${label}.__proto__" is not allowed`);
};
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("hash was destroyed");
  if (checkFinished && instance.finished)
    throw new Error("digest() was already called");
}
function aoutput(out, instance) {
  abytes(out, void 0, "output");
  const min = instance.outputLen;
  if (!(out.length >= min)) {
    throw new RangeError('"output" expected length >= ' + min);
  }
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function rotr(word, shift) {
  return word << 32 - shift | word >>> shift;
}
var hasHexBuiltin = /* @__PURE__ */ (() => (
  // @ts-ignore
  typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
))();
var hexes = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function bytesToHex(bytes) {
  abytes(bytes);
  if (hasHexBuiltin)
    return bytes.toHex();
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += hexes[bytes[i]];
  }
  return hex;
}
function asciiToBase16(ch) {
  return ch >= 48 && ch <= 57 ? ch - 48 : ch >= 65 && ch <= 70 ? ch - (65 - 10) : ch >= 97 && ch <= 102 ? ch - (97 - 10) : void 0;
}
function hexToBytes(hex) {
  if (typeof hex !== "string")
    throw new TypeError("hex string expected, got " + typeof hex);
  if (hasHexBuiltin) {
    try {
      return Uint8Array.fromHex(hex);
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new RangeError(error.message);
      throw error;
    }
  }
  const hl = hex.length;
  const al = hl / 2;
  if (hl % 2)
    throw new RangeError("hex string expected, got unpadded hex of length " + hl);
  const array = new Uint8Array(al);
  for (let ai = 0, hi = 0; ai < al; ai++, hi += 2) {
    const n1 = asciiToBase16(hex.charCodeAt(hi));
    const n2 = asciiToBase16(hex.charCodeAt(hi + 1));
    if (n1 === void 0 || n2 === void 0) {
      const char = hex[hi] + hex[hi + 1];
      throw new RangeError('hex string expected, got non-hex character "' + char + '" at index ' + hi);
    }
    array[ai] = n1 * 16 + n2;
  }
  return array;
}
function concatBytes(...arrays) {
  let sum = 0;
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    abytes(a);
    sum += a.length;
  }
  const res = new Uint8Array(sum);
  for (let i = 0, pad = 0; i < arrays.length; i++) {
    const a = arrays[i];
    res.set(a, pad);
    pad += a.length;
  }
  return res;
}
function checkOpts(defaults, opts, title = "opts") {
  aopts(defaults, "defaults");
  if (opts !== void 0)
    aopts(opts, title);
  const merged = Object.assign(/* @__PURE__ */ Object.create(null), defaults, opts);
  return merged;
}
function createHasher(hashCons, info = {}) {
  if (typeof hashCons !== "function")
    throw new TypeError('"hashCons" expected function, got type=' + typeof hashCons);
  info = checkOpts({}, info, "info");
  const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
  const tmp = hashCons(void 0);
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.canXOF = tmp.canXOF;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}
function randomBytes(bytesLength = 32) {
  anumber(bytesLength, "bytesLength");
  const cr = typeof globalThis === "object" ? globalThis.crypto : null;
  if (typeof cr?.getRandomValues !== "function")
    throw new Error("crypto.getRandomValues must be defined");
  if (bytesLength > 65536)
    throw new RangeError(`"bytesLength" expected <= 65536, got ${bytesLength}`);
  return cr.getRandomValues(new Uint8Array(bytesLength));
}
var oidNist = (suffix) => ({
  // Current NIST hashAlgs suffixes used here fit in one DER subidentifier octet.
  // Larger suffix values would need base-128 OID encoding and a different length byte.
  oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
});

// node_modules/@noble/hashes/_md.js
function Chi(a, b, c) {
  return a & b ^ ~a & c;
}
function Maj(a, b, c) {
  return a & b ^ a & c ^ b & c;
}
var HashMD = class {
  blockLen;
  outputLen;
  canXOF = false;
  padOffset;
  isLE;
  // For partial updates less than block size
  buffer;
  view;
  finished = false;
  length = 0;
  pos = 0;
  destroyed = false;
  constructor(blockLen, outputLen, padOffset, isLE) {
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.padOffset = padOffset;
    this.isLE = isLE;
    this.buffer = new Uint8Array(blockLen);
    this.view = createView(this.buffer);
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { view, buffer, blockLen } = this;
    const len = data.length;
    let processed = false;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      if (take === blockLen) {
        const dataView = createView(data);
        for (; blockLen <= len - pos; pos += blockLen)
          this.process(dataView, pos);
        processed = true;
        continue;
      }
      buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      pos += take;
      if (this.pos === blockLen) {
        this.process(view, 0);
        this.pos = 0;
        processed = true;
      }
    }
    this.length += data.length;
    if (processed)
      this.roundClean();
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    this.finished = true;
    const { buffer, view, blockLen, isLE } = this;
    let { pos } = this;
    buffer[pos++] = 128;
    buffer.fill(0, pos);
    if (this.padOffset > blockLen - pos) {
      this.process(view, 0);
      buffer.fill(0);
    }
    setU64FromNum(view, blockLen - 8, this.length * 8, isLE);
    this.process(view, 0);
    this.roundClean();
    const oview = out === buffer ? view : createView(out);
    const len = this.outputLen;
    const outLen = len / 4;
    const state = this.get();
    if (len % 4 || outLen > state.length)
      throw new Error("invalid outputLen");
    for (let i = 0; i < outLen; i++)
      oview.setUint32(4 * i, state[i], isLE);
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneIntoMeta(to) {
    const { buffer, length, finished, destroyed, pos } = this;
    to.destroyed = destroyed;
    to.finished = finished;
    to.length = length;
    to.pos = pos;
    if (pos)
      to.buffer.set(buffer);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
};
var SHA256_IV = /* @__PURE__ */ Uint32Array.from([
  1779033703,
  3144134277,
  1013904242,
  2773480762,
  1359893119,
  2600822924,
  528734635,
  1541459225
]);

// node_modules/@noble/hashes/sha2.js
var SHA256_K = /* @__PURE__ */ Uint32Array.from([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var SHA256_W = /* @__PURE__ */ new Uint32Array(64);
var SHA2_32B = class extends HashMD {
  // We cannot use array here since array allows indexing by variable
  // which means optimizer/compiler cannot use registers.
  // Numeric initializers matter: starting the fields as `undefined` changes
  // V8's field representation and makes sha256 3x slower (measured).
  A = 0;
  B = 0;
  C = 0;
  D = 0;
  E = 0;
  F = 0;
  G = 0;
  H = 0;
  constructor(outputLen, IV) {
    super(64, outputLen, 8, false);
    this.A = IV[0] | 0;
    this.B = IV[1] | 0;
    this.C = IV[2] | 0;
    this.D = IV[3] | 0;
    this.E = IV[4] | 0;
    this.F = IV[5] | 0;
    this.G = IV[6] | 0;
    this.H = IV[7] | 0;
  }
  get() {
    const { A, B, C, D, E, F, G, H } = this;
    return [A, B, C, D, E, F, G, H];
  }
  // prettier-ignore
  set(A, B, C, D, E, F, G, H) {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }
  _cloneInto(to) {
    (to ||= new this.constructor()).set(...this.get());
    return this._cloneIntoMeta(to);
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4)
      SHA256_W[i] = view.getUint32(offset, false);
    for (let i = 16; i < 64; i++) {
      const W15 = SHA256_W[i - 15];
      const W2 = SHA256_W[i - 2];
      const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
      const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
      SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
    }
    let { A, B, C, D, E, F, G, H } = this;
    for (let i = 0; i < 64; i++) {
      const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
      const T1 = H + sigma1 + Chi(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
      const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
      const T2 = sigma0 + Maj(A, B, C) | 0;
      H = G;
      G = F;
      F = E;
      E = D + T1 | 0;
      D = C;
      C = B;
      B = A;
      A = T1 + T2 | 0;
    }
    A = A + this.A | 0;
    B = B + this.B | 0;
    C = C + this.C | 0;
    D = D + this.D | 0;
    E = E + this.E | 0;
    F = F + this.F | 0;
    G = G + this.G | 0;
    H = H + this.H | 0;
    this.set(A, B, C, D, E, F, G, H);
  }
  roundClean() {
    clean(SHA256_W);
  }
  destroy() {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }
};
var _SHA256 = class extends SHA2_32B {
  constructor() {
    super(32, SHA256_IV);
  }
};
var sha2562 = /* @__PURE__ */ createHasher(
  () => new _SHA256(),
  /* @__PURE__ */ oidNist(1)
);

// node_modules/@noble/curves/utils.js
function aarray(item, title, inner = () => {
}) {
  if (!Array.isArray(item))
    throw new TypeError(`"${title}" expected array, got type=${typeof item}`);
  for (let i = 0; i < item.length; i++)
    inner(item[i], `${title}[${i}]`);
  return item;
}
var abytes2 = (value, length, title) => abytes(value, length, title);
var anumber2 = anumber;
function astring(value, title = "") {
  if (typeof value !== "string") {
    const prefix = title && `"${title}" `;
    throw new TypeError(prefix + "expected string, got type=" + typeof value);
  }
  return value;
}
function aobject2(value, title = "object") {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError(title === "object" ? "expected valid options object" : `"${title}" expected object, got type=${typeof value}`);
  return value;
}
function afunction(value, title) {
  if (typeof value !== "function")
    throw new TypeError(`"${title}" is invalid: expected function, got ${typeof value}`);
  return value;
}
var bytesToHex2 = bytesToHex;
var concatBytes2 = (...arrays) => concatBytes(...arrays);
var hexToBytes2 = (hex) => hexToBytes(hex);
var isBytes2 = isBytes;
var randomBytes2 = (bytesLength) => randomBytes(bytesLength);
var _0n = /* @__PURE__ */ BigInt(0);
var _1n = /* @__PURE__ */ BigInt(1);
var atitle2 = (title) => title ? `"${title}" ` : "";
function abool(value, title = "") {
  if (typeof value !== "boolean")
    throw new TypeError(atitle2(title) + "expected boolean, got type=" + typeof value);
  return value;
}
function abignumber(n) {
  if (typeof n === "bigint") {
    if (!isPosBig(n))
      throw new RangeError("positive bigint expected, got " + n);
  } else
    anumber2(n);
  return n;
}
function asafenumber(value, title = "") {
  if (typeof value !== "number") {
    const prefix = title && `"${title}" `;
    throw new TypeError(prefix + "expected number, got type=" + typeof value);
  }
  if (!Number.isSafeInteger(value)) {
    const prefix = title && `"${title}" `;
    throw new RangeError(prefix + "expected safe integer, got " + value);
  }
}
function numberToHexUnpadded(num) {
  const hex = abignumber(num).toString(16);
  return hex.length & 1 ? "0" + hex : hex;
}
function hexToNumber(hex) {
  if (typeof hex !== "string")
    throw new TypeError("hex string expected, got " + typeof hex);
  return hex === "" ? _0n : BigInt("0x" + hex);
}
function bytesToNumberBE(bytes) {
  return hexToNumber(bytesToHex(bytes));
}
function bytesToNumberLE(bytes) {
  return hexToNumber(bytesToHex(copyBytes(abytes(bytes)).reverse()));
}
function numberToBytesBE(n, len) {
  anumber(len);
  if (len === 0)
    throw new Error("zero output length is invalid");
  n = abignumber(n);
  const expectedLen = len * 2;
  const hex = n.toString(16);
  if (hex.length > expectedLen)
    throw new RangeError("number is too large");
  return hexToBytes(hex.padStart(expectedLen, "0"));
}
function numberToBytesLE(n, len) {
  return numberToBytesBE(n, len).reverse();
}
function copyBytes(bytes) {
  return Uint8Array.from(abytes2(bytes));
}
function asciiToBytes(ascii) {
  if (typeof ascii !== "string")
    throw new TypeError("ascii string expected, got " + typeof ascii);
  return Uint8Array.from(ascii, (c, i) => {
    const charCode = c.charCodeAt(0);
    if (c.length !== 1 || charCode > 127) {
      throw new RangeError(`string contains non-ASCII character "${ascii[i]}" with code ${charCode} at position ${i}`);
    }
    return charCode;
  });
}
function isPosBig(n) {
  return typeof n === "bigint" && _0n <= n;
}
function inRange(n, min, max) {
  return isPosBig(n) && isPosBig(min) && isPosBig(max) && min <= n && n < max;
}
function aInRange(title, n, min, max) {
  if (!inRange(n, min, max))
    throw new RangeError("expected valid " + title + ": " + min + " <= n < " + max + ", got " + n);
}
function bitLen(n) {
  if (n < _0n)
    throw new Error("expected non-negative bigint, got " + n);
  return n === _0n ? 0 : n.toString(2).length;
}
var bitMask = (n) => {
  asafenumber(n, "n");
  return (_1n << BigInt(n)) - _1n;
};
function createHmacDrbg(hashLen, qByteLen, hmacFn) {
  anumber(hashLen, "hashLen");
  anumber(qByteLen, "qByteLen");
  if (typeof hmacFn !== "function")
    throw new TypeError("hmacFn must be a function");
  const u8n = (len) => new Uint8Array(len);
  const NULL = Uint8Array.of();
  const byte0 = Uint8Array.of(0);
  const byte1 = Uint8Array.of(1);
  const _maxDrbgIters = 1e3;
  let v = u8n(hashLen);
  let k = u8n(hashLen);
  let i = 0;
  const reset = () => {
    v.fill(1);
    k.fill(0);
    i = 0;
  };
  const h = (...msgs) => hmacFn(k, concatBytes2(v, ...msgs));
  const reseed = (seed = NULL) => {
    k = h(byte0, seed);
    v = h();
    if (seed.length === 0)
      return;
    k = h(byte1, seed);
    v = h();
  };
  const gen = () => {
    if (i++ >= _maxDrbgIters)
      throw new Error("drbg: tried max amount of iterations");
    let len = 0;
    const out = [];
    while (len < qByteLen) {
      v = h();
      const sl = v.slice();
      out.push(sl);
      len += v.length;
    }
    return concatBytes2(...out);
  };
  const genUntil = (seed, pred) => {
    reset();
    reseed(seed);
    let res = void 0;
    while ((res = pred(gen())) === void 0)
      reseed();
    reset();
    return res;
  };
  return genUntil;
}
function validateObject(object, fields = {}, optFields = {}, title = "object") {
  aobject2(object, title);
  aobject2(fields, "fields");
  aobject2(optFields, "optFields");
  function checkField(fieldName, expectedType, isOpt) {
    const label = title === "object" ? `param "${String(fieldName)}"` : `"${title}.${String(fieldName)}"`;
    const val = object[fieldName];
    if (!Object.hasOwn(object, fieldName) && (isOpt ? val !== void 0 : expectedType !== "function")) {
      throw new TypeError(`${label} is invalid: expected own property`);
    }
    if (isOpt && val === void 0)
      return;
    const current2 = typeof val;
    if (current2 !== expectedType || val === null)
      throw new TypeError(`${label} is invalid: expected ${expectedType}, got ${current2}`);
  }
  const iter = (f, isOpt) => Object.entries(f).forEach(([k, v]) => checkField(k, v, isOpt));
  iter(fields, false);
  iter(optFields, true);
}

// node_modules/@noble/curves/abstract/modular.js
var _0n2 = /* @__PURE__ */ BigInt(0);
var _1n2 = /* @__PURE__ */ BigInt(1);
var _2n = /* @__PURE__ */ BigInt(2);
var _3n = /* @__PURE__ */ BigInt(3);
var _4n = /* @__PURE__ */ BigInt(4);
var _5n = /* @__PURE__ */ BigInt(5);
var _7n = /* @__PURE__ */ BigInt(7);
var _8n = /* @__PURE__ */ BigInt(8);
var _9n = /* @__PURE__ */ BigInt(9);
var _15n = /* @__PURE__ */ BigInt(15);
var _16n = /* @__PURE__ */ BigInt(16);
var POW_WINDOWED_MIN = /* @__PURE__ */ BigInt("0x10000000000000000");
function mod(a, b) {
  if (b <= _0n2)
    throw new Error("mod: expected positive modulus, got " + b);
  const result = a % b;
  return result >= _0n2 ? result : b + result;
}
function pow(num, power, modulo) {
  if (modulo <= _1n2)
    throw new Error("pow: expected modulus > 1, got " + modulo);
  if (typeof power !== "bigint")
    throw new TypeError("invalid exponent: expected bigint, got " + typeof power);
  if (power < _0n2)
    throw new Error("invalid exponent, negatives unsupported");
  if (power === _0n2)
    return _1n2;
  if (power === _1n2)
    return num;
  let d = num % modulo;
  if (d < _0n2)
    d += modulo;
  if (power < POW_WINDOWED_MIN) {
    let p2 = _1n2;
    while (power > _0n2) {
      if (power & _1n2)
        p2 = p2 * d % modulo;
      d = d * d % modulo;
      power >>= _1n2;
    }
    return p2;
  }
  const digits = [];
  while (power > _0n2) {
    digits.push(Number(power & _15n));
    power >>= _4n;
  }
  const table = new Array(16);
  table[0] = _1n2;
  table[1] = d;
  for (let i = 2; i < 16; i++)
    table[i] = table[i - 1] * d % modulo;
  let p = table[digits[digits.length - 1]];
  for (let w = digits.length - 2; w >= 0; w--) {
    p = p * p % modulo;
    p = p * p % modulo;
    p = p * p % modulo;
    p = p * p % modulo;
    const digit = digits[w];
    if (digit !== 0)
      p = p * table[digit] % modulo;
  }
  return p;
}
function invert(number, modulo) {
  if (number === _0n2)
    throw new Error("invert: expected non-zero number");
  if (modulo <= _1n2)
    throw new Error("invert: expected modulus > 1, got " + modulo);
  let a = mod(number, modulo);
  let b = modulo;
  let x = _0n2, u = _1n2;
  while (a !== _0n2) {
    const q = b / a;
    const r = b - a * q;
    const m = x - u * q;
    b = a, a = r, x = u, u = m;
  }
  const gcd = b;
  if (gcd !== _1n2)
    throw new Error("invert: does not exist");
  return mod(x, modulo);
}
function invertCt(a, prime) {
  if (prime <= _1n2)
    throw new Error("invertCt: expected prime modulus > 1, got " + prime);
  const an = mod(a, prime);
  if (an === _0n2)
    throw new Error("invertCt: expected non-zero number");
  const inverse = pow(an, prime - _2n, prime);
  if (mod(an * inverse, prime) !== _1n2)
    throw new Error("invertCt: does not exist");
  return inverse;
}
function assertIsSquare(Fp, root, n) {
  const F = Fp;
  if (!F.eql(F.sqr(root), n))
    throw new Error("Cannot find square root");
}
function aoddModulus(order, fnName) {
  if ((order & _1n2) === _0n2)
    throw new Error(fnName + ": expected odd modulus, got " + order);
}
function sqrt3mod4(Fp, n) {
  const F = Fp;
  const p1div4 = (F.ORDER + _1n2) / _4n;
  const root = F.pow(n, p1div4);
  assertIsSquare(F, root, n);
  return root;
}
function sqrt5mod8(Fp, n) {
  const F = Fp;
  const p5div8 = (F.ORDER - _5n) / _8n;
  const n2 = F.mul(n, _2n);
  const v = F.pow(n2, p5div8);
  const nv = F.mul(n, v);
  const i = F.mul(F.mul(nv, _2n), v);
  const root = F.mul(nv, F.sub(i, F.ONE));
  assertIsSquare(F, root, n);
  return root;
}
function sqrt9mod16(P) {
  const Fp_ = Field(P);
  const tn = tonelliShanks(P);
  const c1 = tn(Fp_, Fp_.neg(Fp_.ONE));
  const c2 = tn(Fp_, c1);
  const c3 = tn(Fp_, Fp_.neg(c1));
  const c4 = (P + _7n) / _16n;
  return ((Fp, n) => {
    const F = Fp;
    let tv1 = F.pow(n, c4);
    let tv2 = F.mul(tv1, c1);
    const tv3 = F.mul(tv1, c2);
    const tv4 = F.mul(tv1, c3);
    const e1 = F.eql(F.sqr(tv2), n);
    const e2 = F.eql(F.sqr(tv3), n);
    tv1 = F.cmov(tv1, tv2, e1);
    tv2 = F.cmov(tv4, tv3, e2);
    const e3 = F.eql(F.sqr(tv2), n);
    const root = F.cmov(tv1, tv2, e3);
    assertIsSquare(F, root, n);
    return root;
  });
}
function tonelliShanks(P) {
  if (P < _3n)
    throw new Error("sqrt is not defined for small field");
  aoddModulus(P, "tonelliShanks");
  let Q = P - _1n2;
  let S = 0;
  while (Q % _2n === _0n2) {
    Q /= _2n;
    S++;
  }
  let Z = _2n;
  const _Fp = Field(P);
  while (FpLegendre(_Fp, Z) === 1) {
    if (Z++ > 1e3)
      throw new Error("Cannot find square root: probably non-prime P");
  }
  if (S === 1)
    return sqrt3mod4;
  let cc = _Fp.pow(Z, Q);
  const Q1div2 = (Q + _1n2) / _2n;
  return function tonelliSlow(Fp, n) {
    const F = Fp;
    if (F.is0(n))
      return n;
    if (FpLegendre(F, n) !== 1)
      throw new Error("Cannot find square root");
    let M2 = S;
    let c = F.mul(F.ONE, cc);
    let t2 = F.pow(n, Q);
    let R = F.pow(n, Q1div2);
    while (!F.eql(t2, F.ONE)) {
      if (F.is0(t2))
        throw new Error("Cannot find square root: probably non-prime P");
      let i = 1;
      let t_tmp = F.sqr(t2);
      while (!F.eql(t_tmp, F.ONE)) {
        i++;
        t_tmp = F.sqr(t_tmp);
        if (i === M2)
          throw new Error("Cannot find square root");
      }
      const exponent = _1n2 << BigInt(M2 - i - 1);
      const b = F.pow(c, exponent);
      M2 = i;
      c = F.sqr(b);
      t2 = F.mul(t2, c);
      R = F.mul(R, b);
    }
    return R;
  };
}
function FpSqrt(P) {
  aoddModulus(P, "Fp.sqrt");
  if (P % _4n === _3n)
    return sqrt3mod4;
  if (P % _8n === _5n)
    return sqrt5mod8;
  if (P % _16n === _9n)
    return sqrt9mod16(P);
  return tonelliShanks(P);
}
var FIELD_FIELDS = [
  "create",
  "isValid",
  "is0",
  "neg",
  "inv",
  "sqrt",
  "sqr",
  "eql",
  "add",
  "sub",
  "mul",
  "pow",
  "div",
  "addN",
  "subN",
  "mulN",
  "sqrN"
];
function validateField(field) {
  aobject2(field, "field");
  if (typeof field.ORDER !== "bigint")
    throw new TypeError('param "ORDER" is invalid: expected bigint, got ' + typeof field.ORDER);
  asafenumber(field.BYTES, "BYTES");
  asafenumber(field.BITS, "BITS");
  for (const name of FIELD_FIELDS)
    afunction(field[name], "field." + name);
  if (field.BYTES < 1 || field.BITS < 1)
    throw new Error("invalid field: expected BYTES/BITS > 0");
  if (field.ORDER <= _1n2)
    throw new Error("invalid field: expected ORDER > 1, got " + field.ORDER);
  return field;
}
function FpInvertBatch(Fp, nums, passZero = false) {
  validateField(Fp);
  aarray(nums, "nums");
  abool(passZero, "passZero");
  const F = Fp;
  const inverted = new Array(nums.length).fill(passZero ? F.ZERO : void 0);
  const multipliedAcc = nums.reduce((acc, num, i) => {
    if (F.is0(num))
      return acc;
    inverted[i] = acc;
    return F.mul(acc, num);
  }, F.ONE);
  const invertedAcc = F.inv(multipliedAcc);
  nums.reduceRight((acc, num, i) => {
    if (F.is0(num))
      return acc;
    inverted[i] = F.mul(acc, inverted[i]);
    return F.mul(acc, num);
  }, invertedAcc);
  return inverted;
}
function FpLegendre(Fp, n) {
  validateField(Fp);
  const F = Fp;
  aoddModulus(F.ORDER, "FpLegendre");
  const p1mod2 = (F.ORDER - _1n2) / _2n;
  const powered = F.pow(n, p1mod2);
  const yes = F.eql(powered, F.ONE);
  const zero = F.eql(powered, F.ZERO);
  const no = F.eql(powered, F.neg(F.ONE));
  if (!yes && !zero && !no)
    throw new Error("invalid Legendre symbol result");
  return yes ? 1 : zero ? 0 : -1;
}
function FpIsSquare(Fp, n) {
  const l = FpLegendre(Fp, n);
  return l !== -1;
}
function nLength(n, nBitLength) {
  if (nBitLength !== void 0)
    anumber2(nBitLength);
  if (n <= _0n2)
    throw new Error("invalid n length: expected positive n, got " + n);
  if (nBitLength !== void 0 && nBitLength < 1)
    throw new Error("invalid n length: expected positive bit length, got " + nBitLength);
  const bits = bitLen(n);
  if (nBitLength !== void 0 && nBitLength < bits)
    throw new Error(`invalid n length: expected nBitLength (${nBitLength}) >= bitLen(n) (${bits})`);
  const _nBitLength = nBitLength !== void 0 ? nBitLength : bits;
  const nByteLength = Math.ceil(_nBitLength / 8);
  return { nBitLength: _nBitLength, nByteLength };
}
var FIELD_SQRT = /* @__PURE__ */ new WeakMap();
var _Field = class {
  ORDER;
  BITS;
  BYTES;
  isLE;
  ZERO = _0n2;
  ONE = _1n2;
  _lengths;
  _mod;
  constructor(ORDER2, opts = {}) {
    if (ORDER2 <= _1n2)
      throw new Error("invalid field: expected ORDER > 1, got " + ORDER2);
    let _nbitLength = void 0;
    this.isLE = false;
    if (opts != null && typeof opts === "object") {
      if (typeof opts.BITS === "number")
        _nbitLength = opts.BITS;
      if (typeof opts.sqrt === "function")
        Object.defineProperty(this, "sqrt", { value: opts.sqrt, enumerable: true });
      if (typeof opts.isLE === "boolean")
        this.isLE = opts.isLE;
      if (opts.allowedLengths)
        this._lengths = Object.freeze(opts.allowedLengths.slice());
      if (typeof opts.modFromBytes === "boolean")
        this._mod = opts.modFromBytes;
    }
    const { nBitLength, nByteLength } = nLength(ORDER2, _nbitLength);
    if (nByteLength > 2048)
      throw new Error("invalid field: expected ORDER of <= 2048 bytes");
    this.ORDER = ORDER2;
    this.BITS = nBitLength;
    this.BYTES = nByteLength;
    Object.freeze(this);
  }
  create(num) {
    return mod(num, this.ORDER);
  }
  isValid(num) {
    if (typeof num !== "bigint")
      throw new TypeError("invalid field element: expected bigint, got " + typeof num);
    return _0n2 <= num && num < this.ORDER;
  }
  is0(num) {
    return num === _0n2;
  }
  // is valid and invertible
  isValidNot0(num) {
    return !this.is0(num) && this.isValid(num);
  }
  isOdd(num) {
    return (num & _1n2) === _1n2;
  }
  neg(num) {
    return mod(-num, this.ORDER);
  }
  eql(lhs, rhs) {
    return lhs === rhs;
  }
  sqr(num) {
    return mod(num * num, this.ORDER);
  }
  add(lhs, rhs) {
    return mod(lhs + rhs, this.ORDER);
  }
  sub(lhs, rhs) {
    return mod(lhs - rhs, this.ORDER);
  }
  mul(lhs, rhs) {
    return mod(lhs * rhs, this.ORDER);
  }
  pow(num, power) {
    return pow(num, power, this.ORDER);
  }
  div(lhs, rhs) {
    return mod(lhs * invert(rhs, this.ORDER), this.ORDER);
  }
  // Same as above, but doesn't normalize
  sqrN(num) {
    return num * num;
  }
  addN(lhs, rhs) {
    return lhs + rhs;
  }
  subN(lhs, rhs) {
    return lhs - rhs;
  }
  mulN(lhs, rhs) {
    return lhs * rhs;
  }
  inv(num) {
    return invert(num, this.ORDER);
  }
  sqrt(num) {
    let sqrt = FIELD_SQRT.get(this);
    if (!sqrt)
      FIELD_SQRT.set(this, sqrt = FpSqrt(this.ORDER));
    return sqrt(this, num);
  }
  toBytes(num) {
    return this.isLE ? numberToBytesLE(num, this.BYTES) : numberToBytesBE(num, this.BYTES);
  }
  fromBytes(bytes, skipValidation = false) {
    abytes2(bytes);
    const { _lengths: allowedLengths, BYTES, isLE, ORDER: ORDER2, _mod: modFromBytes } = this;
    if (allowedLengths) {
      if (bytes.length < 1 || !allowedLengths.includes(bytes.length) || bytes.length > BYTES) {
        throw new Error("Field.fromBytes: expected " + allowedLengths + " bytes, got " + bytes.length);
      }
      const padded = new Uint8Array(BYTES);
      padded.set(bytes, isLE ? 0 : padded.length - bytes.length);
      bytes = padded;
    }
    if (bytes.length !== BYTES)
      throw new Error("Field.fromBytes: expected " + BYTES + " bytes, got " + bytes.length);
    let scalar = isLE ? bytesToNumberLE(bytes) : bytesToNumberBE(bytes);
    if (modFromBytes)
      scalar = mod(scalar, ORDER2);
    if (!skipValidation) {
      if (!this.isValid(scalar))
        throw new Error("invalid field element: outside of range 0..ORDER");
    }
    return scalar;
  }
  // TODO: we don't need it here, move out to separate fn
  invertBatch(lst) {
    return FpInvertBatch(this, lst, true);
  }
  // We can't move this out because Fp6, Fp12 implement it
  // and it's unclear what to return in there.
  cmov(a, b, condition) {
    abool(condition, "condition");
    return condition ? b : a;
  }
};
function Field(ORDER2, opts = {}) {
  Object.freeze(_Field.prototype);
  return new _Field(ORDER2, opts);
}
function getFieldBytesLength(fieldOrder) {
  if (typeof fieldOrder !== "bigint")
    throw new Error("field order must be bigint");
  if (fieldOrder <= _1n2)
    throw new Error("field order must be greater than 1");
  const bitLength = bitLen(fieldOrder - _1n2);
  return Math.ceil(bitLength / 8);
}
function getMinHashLength(fieldOrder) {
  const length = getFieldBytesLength(fieldOrder);
  return length + Math.ceil(length / 2);
}
function mapHashToField(key, fieldOrder, isLE = false) {
  abytes2(key);
  const len = key.length;
  const fieldLen = getFieldBytesLength(fieldOrder);
  const minLen = Math.max(getMinHashLength(fieldOrder), 16);
  if (len < minLen || len > 1024)
    throw new Error("expected " + minLen + "-1024 bytes of input, got " + len);
  const num = isLE ? bytesToNumberLE(key) : bytesToNumberBE(key);
  const reduced = mod(num, fieldOrder - _1n2) + _1n2;
  return isLE ? numberToBytesLE(reduced, fieldLen) : numberToBytesBE(reduced, fieldLen);
}

// node_modules/@noble/curves/abstract/curve.js
var _0n3 = /* @__PURE__ */ BigInt(0);
var _1n3 = /* @__PURE__ */ BigInt(1);
var _4n2 = /* @__PURE__ */ BigInt(4);
var BLIND_BYTES = 16;
var BLIND_BITS = 128;
var FW_WINDOW = 5;
var TABLE_BYTES_MAX = /* @__PURE__ */ (() => 2 ** 31)();
function validatePointCons(Point3) {
  const pc = Point3;
  if (typeof pc !== "function")
    throw new TypeError('"Point" expected constructor, got type=' + typeof Point3);
  afunction(pc.fromAffine, "Point.fromAffine");
  afunction(pc.fromBytes, "Point.fromBytes");
  afunction(pc.fromHex, "Point.fromHex");
  aobject2(pc.BASE, "Point.BASE");
  aobject2(pc.ZERO, "Point.ZERO");
  validateField(pc.Fp);
  validateField(pc.Fn);
}
function normalizeZ(c, points) {
  validatePointCons(c);
  validateMSMPoints(points, c);
  const invertedZs = FpInvertBatch(c.Fp, points.map((p) => p.Z));
  return points.map((p, i) => c.fromAffine(p.toAffine(invertedZs[i])));
}
function validateW(W, bits, min = 1) {
  if (!Number.isSafeInteger(W) || W < min || W > bits)
    throw new Error("invalid window size, expected [" + min + ".." + bits + "], got W=" + W);
}
function validateTableBytes(numPoints, fpBytes) {
  const bytes = numPoints * (4 * fpBytes + 128);
  if (bytes > TABLE_BYTES_MAX)
    throw new Error("invalid window size: table would need ~" + Math.ceil(bytes / 2 ** 20) + " MiB, max " + TABLE_BYTES_MAX / 2 ** 20 + " MiB");
}
function probeRandomBytes(randomBytes3, length) {
  if (randomBytes3 === void 0)
    return void 0;
  afunction(randomBytes3, "randomBytes");
  try {
    const probe = randomBytes3(length);
    if (!isBytes2(probe) || probe.length !== length)
      return void 0;
  } catch {
    return void 0;
  }
  return randomBytes3;
}
function validateMSMPoints(points, c) {
  aarray(points, "points");
  points.forEach((p, i) => {
    if (!(p instanceof c))
      throw new Error("invalid point at index " + i);
  });
}
function validateMSMScalars(scalars, field, maxScalar) {
  if (!Array.isArray(scalars))
    throw new Error("array of scalars expected");
  scalars.forEach((s, i) => {
    const ok = maxScalar === void 0 ? field.isValid(s) : isPosBig(s) && s < maxScalar;
    if (!ok)
      throw new Error("invalid scalar at index " + i);
  });
}
var pointWindowSizes = /* @__PURE__ */ new WeakMap();
function getWindowSize(P) {
  return pointWindowSizes.get(P) || 1;
}
function oddMultiples(p, size) {
  const dbl = p.double();
  const t2 = [p];
  for (let j = 1; j < size; j++)
    t2.push(t2[j - 1].add(dbl));
  return t2;
}
function wnafDigits(n, W) {
  const size = 2 ** W;
  const half = size / 2;
  const mask = BigInt(size - 1);
  const d = [];
  while (n > _0n3) {
    let w = 0;
    if (n & _1n3) {
      w = Number(n & mask);
      if (w >= half)
        w -= size;
      n -= BigInt(w);
    }
    d.push(w);
    n >>= _1n3;
  }
  return d;
}
function signedWindowDigits(n, W, windows) {
  const size = 2 ** W;
  const half = size / 2;
  const mask = BigInt(size - 1);
  const shiftBy = BigInt(W);
  const d = [];
  for (let w = 0; w < windows; w++) {
    let v = Number(n & mask);
    n >>= shiftBy;
    if (v > half) {
      v -= size;
      n += _1n3;
    }
    d.push(v);
  }
  if (n !== _0n3)
    throw new Error("invalid wnaf");
  return d;
}
function wnafWalk(zero, tables, digits) {
  let max = 0;
  for (const d of digits)
    max = Math.max(max, d.length);
  let acc = zero;
  for (let bit = max - 1; bit >= 0; bit--) {
    if (bit !== max - 1)
      acc = acc.double();
    for (let i = 0; i < digits.length; i++) {
      const w = digits[i][bit];
      if (w) {
        const item = tables[i][Math.abs(w) - 1 >> 1];
        acc = acc.add(w < 0 ? item.negate() : item);
      }
    }
  }
  return acc;
}
var ScalarMultiplier = class {
  Point;
  BASE;
  ZERO;
  randomBytes;
  wnafPrecomputes = /* @__PURE__ */ new WeakMap();
  baseCanBeBlinded;
  bits;
  // Parametrized with a given Point class (not individual point)
  constructor(Point3, randomBytes3) {
    validatePointCons(Point3);
    this.randomBytes = probeRandomBytes(randomBytes3, BLIND_BYTES);
    this.Point = Point3;
    this.BASE = Point3.BASE;
    this.ZERO = Point3.ZERO;
    this.bits = Point3.Fn.BITS;
  }
  /**
   * Creates a signed fixed-window wNAF precomputation table: for every window w, the
   * multiples `[1..2^(W−1)]⋅2^(w⋅W)⋅P`, flattened. All doublings are baked into the table,
   * so cached multiplication is additions-only. `windows = ceil(bits/W) + 1`: the extra
   * window absorbs the final carry of signed-digit recoding.
   * For a 256-bit curve and W=6, the table is 44⋅32 = 1408 points.
   * @param point - Point instance
   * @param W - window size
   * @param bits - scalar bitlength the table must cover
   */
  buildWnafTable(point, W, bits) {
    const windows = Math.ceil(bits / W) + 1;
    const half = 2 ** (W - 1);
    const comp = [];
    let base = point;
    for (let w = 0; w < windows; w++) {
      let acc = base;
      for (let i = 0; i < half; i++) {
        comp.push(acc);
        acc = acc.add(base);
      }
      base = comp[comp.length - 1].double();
    }
    return { W, bits, windows, comp };
  }
  /**
   * Implements ec multiplication using precomputed signed fixed-window wNAF tables.
   * Constant-time: fixed window count with one table addition per window — zero digits feed
   * the fake accumulator — and no doublings; the lookup scans the whole window slice.
   * Scalar bounds are validated by the public entry points ({@link ScalarMultiplier.mulCT},
   * {@link ScalarMultiplier.mulCTBlinded}, {@link ScalarMultiplier.mulUnsafe});
   * signedWindowDigits throws if `n` exceeds the table.
   * @returns real and fake (for const-time) points
   */
  wnafCachedCT(precomputes, n) {
    const { W, windows, comp } = precomputes;
    const half = 2 ** (W - 1);
    const digits = signedWindowDigits(n, W, windows);
    let p = this.ZERO;
    let f = this.BASE;
    for (let w = 0; w < windows; w++) {
      const digit = digits[w];
      const start2 = w * half;
      const idx = Math.abs(digit) - 1;
      let sel = comp[start2];
      for (let i = 1; i < half; i++)
        sel = i === idx ? comp[start2 + i] : sel;
      const neg = sel.negate();
      if (digit === 0)
        f = f.add(comp[start2]);
      else
        p = p.add(digit < 0 ? neg : sel);
    }
    return { p, f };
  }
  // Cache key is point identity plus (W, bits); at most two entries exist per point (public-width
  // `Fn.BITS` and blinded `Fn.BITS + BLIND_BITS`). Callers must not reuse the same point with
  // incompatible `transform(...)` layouts and expect a separate cache entry.
  getWnafPrecomputes(W, point, bits, transform) {
    let entries = this.wnafPrecomputes.get(point);
    let comp = entries?.find((entry) => entry.W === W && entry.bits === bits);
    if (!comp) {
      comp = this.buildWnafTable(point, W, bits);
      if (typeof transform === "function")
        comp = { ...comp, comp: transform(comp.comp) };
      if (!entries) {
        entries = [];
        this.wnafPrecomputes.set(point, entries);
      }
      entries.push(comp);
    }
    return comp;
  }
  assertPoint(point) {
    if (!(point instanceof this.Point))
      throw new TypeError('"point" expected Point instance, got type=' + typeof point);
  }
  // Shared prologue of the constant-time entry points. Rejects scalar 0: in key/signature-style
  // callers a zero scalar means broken upstream plumbing, and concrete Points already reject it.
  // Uses inRange instead of Fn.isValidNot0: validateField() only certifies the arithmetic subset.
  validateMulInput(point, scalar) {
    this.assertPoint(point);
    if (!inRange(scalar, _1n3, this.Point.Fn.ORDER))
      throw new Error("invalid scalar");
  }
  // Constant-time dispatch shared by mulCT / mulCTBlinded. Un-precomputed points (W===1, e.g.
  // ECDH peer keys) skip building a throwaway cached table in favor of a small fixed-window
  // multiply. `n` must be < 2^bits.
  runCT(point, n, bits, transform) {
    const W = getWindowSize(point);
    if (W === 1)
      return this.fixedWindowCT(point, n, bits);
    return this.wnafCachedCT(this.getWnafPrecomputes(W, point, bits, transform), n);
  }
  mulCT(point, scalar, transform) {
    this.validateMulInput(point, scalar);
    return this.runCT(point, scalar, this.bits, transform);
  }
  mulCTBlinded(point, scalar, transform) {
    this.validateMulInput(point, scalar);
    if (this.randomBytes === void 0)
      throw new Error("randomBytes is required for scalar blinding");
    const bits = this.Point.Fn.BITS + BLIND_BITS;
    const blind2 = this.randomBytes(BLIND_BYTES);
    if (!isBytes2(blind2) || blind2.length !== BLIND_BYTES)
      throw new Error("randomBytes returned invalid byte array");
    blind2[0] = blind2[0] & 63 | 128;
    const n = scalar + bytesToNumberBE(blind2) * this.Point.Fn.ORDER;
    return this.runCT(point, n, bits, transform);
  }
  /**
   * Constant-time multiplication `n*point` for an un-precomputed point, via a small fixed window.
   * A cached wNAF table only pays off when reused; a flat 2^FW_WINDOW table (`size-1` adds) is
   * far cheaper to build for a single use. The point-operation sequence is independent of `n`:
   * build the table, then per window exactly FW_WINDOW doublings, a data-oblivious scan over
   * every table entry, and one addition (adds the identity when the window digit is 0 — never
   * skipped).
   *
   * `n` must be `< 2^bits`. Assumes complete addition (adding the identity costs the same as any
   * add), which holds for the Weierstrass/Edwards point types used here. The table is left in
   * projective form (no normalizeZ): normalizing this small a table costs more than the
   * mixed-add savings it would buy for a single multiply.
   * @returns real point `p`; `f` duplicates it only to match {@link wnafCachedCT}'s return shape
   * (this path needs no fake accumulator — its op-count is already scalar-independent).
   */
  fixedWindowCT(point, n, bits) {
    const W = FW_WINDOW;
    const size = 1 << W;
    const mask = bitMask(W);
    const table = new Array(size);
    table[0] = this.ZERO;
    for (let i = 1; i < size; i++)
      table[i] = table[i - 1].add(point);
    const windows = Math.ceil(bits / W);
    let acc = this.ZERO;
    for (let window = windows - 1; window >= 0; window--) {
      if (window !== windows - 1)
        for (let d = 0; d < W; d++)
          acc = acc.double();
      const digit = Number(n >> BigInt(window * W) & mask);
      let sel = table[0];
      for (let i = 1; i < size; i++)
        sel = i === digit ? table[i] : sel;
      acc = acc.add(sel);
    }
    return { p: acc, f: acc };
  }
  shouldBlind(point, cofactor) {
    if (this.randomBytes === void 0)
      return false;
    if (cofactor === _1n3)
      return true;
    if (point !== this.BASE)
      return false;
    if (this.baseCanBeBlinded === void 0)
      this.baseCanBeBlinded = this.mulUnsafe(this.BASE, this.Point.Fn.ORDER).is0();
    return this.baseCanBeBlinded;
  }
  mulSecret(point, scalar, cofactor, transform) {
    return this.shouldBlind(point, cofactor) ? this.mulCTBlinded(point, scalar, transform) : this.mulCT(point, scalar, transform);
  }
  mulUnsafe(point, scalar, transform) {
    this.assertPoint(point);
    if (!isPosBig(scalar))
      throw new Error("invalid scalar");
    const W = getWindowSize(point);
    if (W === 1 || scalar >= this.Point.Fn.ORDER)
      return mulAddUnsafe(this.Point, [point], [scalar], true);
    const precomputes = this.getWnafPrecomputes(W, point, this.bits, transform);
    return this.wnafCachedCT(precomputes, scalar).p;
  }
  // Remembers the window size used for precomputed wNAF multiplication of the given point
  // and drops any previously built tables. Usually only the base point is precomputed.
  // W=1 resets the point to the un-precomputed (table-less) paths.
  // W is additionally capped so tables stay under ~2 GiB ({@link TABLE_BYTES_MAX}).
  setWindowSize(point, W) {
    this.assertPoint(point);
    validateW(W, this.bits);
    const windows = Math.ceil((this.bits + BLIND_BITS) / W) + 1;
    validateTableBytes(windows * 2 ** (W - 1), this.Point.Fp.BYTES);
    pointWindowSizes.set(point, W);
    this.wnafPrecomputes.delete(point);
  }
  // True when a window size is set: tables themselves are built lazily on first multiply.
  hasWindowSize(point) {
    return getWindowSize(point) !== 1;
  }
};
function mulAddUnsafe(c, points, scalars, allowOversized = false) {
  validatePointCons(c);
  validateMSMPoints(points, c);
  abool(allowOversized, "allowOversized");
  validateMSMScalars(scalars, c.Fn, allowOversized ? c.Fn.ORDER ** _4n2 : void 0);
  if (points.length !== scalars.length)
    throw new Error("arrays of points and scalars must have equal length");
  const tables = points.map((p) => oddMultiples(p, 4));
  const digits = scalars.map((n) => wnafDigits(n, 4));
  return wnafWalk(c.ZERO, tables, digits);
}
function createField(order, field, isLE) {
  if (field) {
    if (field.ORDER !== order)
      throw new Error("Field.ORDER must match order: Fp == p, Fn == n");
    validateField(field);
    return field;
  } else {
    return Field(order, { isLE });
  }
}
function createCurveFields(type, CURVE, curveOpts = {}, FpFnLE) {
  if (type !== "weierstrass" && type !== "edwards")
    throw new Error('expected curve type "weierstrass" or "edwards"');
  if (FpFnLE === void 0)
    FpFnLE = type === "edwards";
  if (!CURVE || typeof CURVE !== "object")
    throw new Error(`expected valid ${type} CURVE object`);
  validateObject(curveOpts);
  for (const p of ["p", "n", "h"]) {
    const val = CURVE[p];
    if (!(isPosBig(val) && val !== _0n3))
      throw new Error(`CURVE.${p} must be positive bigint`);
  }
  const Fp = createField(CURVE.p, curveOpts.Fp, FpFnLE);
  const Fn2 = createField(CURVE.n, curveOpts.Fn, FpFnLE);
  const _b = type === "weierstrass" ? "b" : "d";
  const params = ["Gx", "Gy", "a", _b];
  for (const p of params) {
    if (!Fp.isValid(CURVE[p]))
      throw new Error(`CURVE.${p} must be valid field element of CURVE.Fp`);
  }
  CURVE = Object.freeze(Object.assign({}, CURVE));
  return { CURVE, Fp, Fn: Fn2 };
}
function createKeygen(randomSecretKey, getPublicKey) {
  return function keygen(seed) {
    const secretKey = randomSecretKey(seed);
    return { secretKey, publicKey: getPublicKey(secretKey) };
  };
}

// node_modules/@noble/curves/abstract/hash-to-curve.js
var _0n4 = /* @__PURE__ */ BigInt(0);
var _1n4 = /* @__PURE__ */ BigInt(1);
var _2n2 = /* @__PURE__ */ BigInt(2);
var _3n2 = /* @__PURE__ */ BigInt(3);
var _4n3 = /* @__PURE__ */ BigInt(4);
var os2ip = bytesToNumberBE;
function i2osp(value, length) {
  asafenumber(value);
  asafenumber(length);
  if (length < 0 || length > 4)
    throw new Error("invalid I2OSP length: " + length);
  if (value < 0 || value > 2 ** (8 * length) - 1)
    throw new Error("invalid I2OSP input: " + value);
  const res = Array.from({ length }).fill(0);
  for (let i = length - 1; i >= 0; i--) {
    res[i] = value & 255;
    value >>>= 8;
  }
  return new Uint8Array(res);
}
function strxor(a, b) {
  const arr = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) {
    arr[i] = a[i] ^ b[i];
  }
  return arr;
}
function normDST(DST) {
  if (!isBytes2(DST) && typeof DST !== "string")
    throw new Error("DST must be Uint8Array or ascii string");
  const dst = typeof DST === "string" ? asciiToBytes(DST) : DST;
  if (dst.length === 0)
    throw new Error("DST must be non-empty");
  return dst;
}
function expand_message_xmd(msg, DST, lenInBytes, H) {
  abytes2(msg);
  asafenumber(lenInBytes);
  if (typeof H !== "function")
    throw new Error("expand_message_xmd: expected hash function");
  asafenumber(H.outputLen, "hash.outputLen");
  asafenumber(H.blockLen, "hash.blockLen");
  DST = normDST(DST);
  if (DST.length > 255)
    DST = H(concatBytes2(asciiToBytes("H2C-OVERSIZE-DST-"), DST));
  const { outputLen: b_in_bytes, blockLen: r_in_bytes } = H;
  const ell = Math.ceil(lenInBytes / b_in_bytes);
  if (lenInBytes > 65535 || ell > 255)
    throw new Error("expand_message_xmd: invalid lenInBytes");
  const DST_prime = concatBytes2(DST, i2osp(DST.length, 1));
  const Z_pad = new Uint8Array(r_in_bytes);
  const l_i_b_str = i2osp(lenInBytes, 2);
  const b = new Array(ell);
  const b_0 = H(concatBytes2(Z_pad, msg, l_i_b_str, i2osp(0, 1), DST_prime));
  b[0] = H(concatBytes2(b_0, i2osp(1, 1), DST_prime));
  for (let i = 1; i < ell; i++) {
    const args = [strxor(b_0, b[i - 1]), i2osp(i + 1, 1), DST_prime];
    b[i] = H(concatBytes2(...args));
  }
  const pseudo_random_bytes = concatBytes2(...b);
  return pseudo_random_bytes.slice(0, lenInBytes);
}
function expand_message_xof(msg, DST, lenInBytes, k, H) {
  abytes2(msg);
  asafenumber(lenInBytes);
  asafenumber(k, "k");
  if (k < 0)
    throw new Error("expand_message_xof: invalid k");
  if (typeof H !== "function")
    throw new Error("expand_message_xof: expected XOF function");
  if (typeof H.create !== "function")
    throw new Error("expand_message_xof: expected XOF create");
  DST = normDST(DST);
  if (lenInBytes < 0 || lenInBytes > 65535)
    throw new Error("expand_message_xof: invalid lenInBytes");
  if (DST.length > 255) {
    const dkLen = Math.ceil(2 * k / 8);
    DST = H.create({ dkLen }).update(asciiToBytes("H2C-OVERSIZE-DST-")).update(DST).digest();
  }
  if (DST.length > 255)
    throw new Error("expand_message_xof: invalid DST");
  return H.create({ dkLen: lenInBytes }).update(msg).update(i2osp(lenInBytes, 2)).update(DST).update(i2osp(DST.length, 1)).digest();
}
function hash_to_field(msg, count2, options) {
  validateObject(options, {
    p: "bigint",
    m: "number",
    k: "number",
    hash: "function"
  });
  const { p, k, m, hash, expand, DST } = options;
  asafenumber(hash.outputLen, "valid hash");
  abytes2(msg);
  asafenumber(count2);
  asafenumber(m, "m");
  asafenumber(k, "k");
  if (p <= BigInt(1))
    throw new Error("hash_to_field: expected valid field characteristic");
  if (count2 < 1)
    throw new Error("hash_to_field: expected count >= 1");
  if (m < 1)
    throw new Error("hash_to_field: expected m >= 1");
  if (k < 0)
    throw new Error("hash_to_field: invalid k");
  const log2p = p.toString(2).length;
  const L = Math.ceil((log2p + k) / 8);
  const len_in_bytes = count2 * m * L;
  let prb;
  if (expand === "xmd") {
    prb = expand_message_xmd(msg, DST, len_in_bytes, hash);
  } else if (expand === "xof") {
    prb = expand_message_xof(msg, DST, len_in_bytes, k, hash);
  } else if (expand === "_internal_pass") {
    prb = msg;
  } else {
    throw new Error('expand must be "xmd" or "xof"');
  }
  const u = new Array(count2);
  for (let i = 0; i < count2; i++) {
    const e = new Array(m);
    for (let j = 0; j < m; j++) {
      const elm_offset = L * (j + i * m);
      const tv = prb.subarray(elm_offset, elm_offset + L);
      e[j] = mod(os2ip(tv), p);
    }
    u[i] = e;
  }
  return u;
}
var _DST_scalar = "HashToScalar-";
function createHasher2(Point3, mapToCurve, defaults) {
  if (typeof mapToCurve !== "function")
    throw new Error("mapToCurve() must be defined");
  validateObject(defaults);
  const snapshot = (src) => Object.freeze({
    ...src,
    DST: isBytes2(src.DST) ? copyBytes(src.DST) : src.DST,
    ...src.encodeDST === void 0 ? {} : { encodeDST: isBytes2(src.encodeDST) ? copyBytes(src.encodeDST) : src.encodeDST }
  });
  const safeDefaults = snapshot(defaults);
  const dstOverride = (options) => options && options.DST !== void 0 ? { DST: options.DST } : void 0;
  function map(num) {
    return Point3.fromAffine(mapToCurve(num));
  }
  function clear(initial) {
    const P = initial.clearCofactor();
    if (P.equals(Point3.ZERO))
      return Point3.ZERO;
    P.assertValidity();
    return P;
  }
  return Object.freeze({
    get defaults() {
      return snapshot(safeDefaults);
    },
    Point: Point3,
    hashToCurve(msg, options) {
      const opts = Object.assign({}, safeDefaults, dstOverride(options));
      const u = hash_to_field(msg, 2, opts);
      const u0 = map(u[0]);
      const u1 = map(u[1]);
      return clear(u0.add(u1));
    },
    encodeToCurve(msg, options) {
      const optsDst = safeDefaults.encodeDST === void 0 ? {} : { DST: safeDefaults.encodeDST };
      const opts = Object.assign({}, safeDefaults, optsDst, dstOverride(options));
      const u = hash_to_field(msg, 1, opts);
      const u0 = map(u[0]);
      return clear(u0);
    },
    /** See {@link H2CHasher} */
    mapToCurve(scalars) {
      if (safeDefaults.m === 1) {
        if (typeof scalars !== "bigint")
          throw new Error("expected bigint (m=1)");
        return clear(map([scalars]));
      }
      if (!Array.isArray(scalars))
        throw new Error("expected array of bigints");
      if (scalars.length !== safeDefaults.m)
        throw new Error(`expected array of ${safeDefaults.m} bigints`);
      for (const i of scalars)
        if (typeof i !== "bigint")
          throw new Error("expected array of bigints");
      return clear(map(scalars));
    },
    // hash_to_scalar can produce 0: https://www.rfc-editor.org/errata/eid8393
    // RFC 9380, draft-irtf-cfrg-bbs-signatures-08. Default scalar DST is the shared generic
    // `HashToScalar-` prefix above unless the caller overrides it per invocation.
    hashToScalar(msg, options) {
      const N2 = Point3.Fn.ORDER;
      const opts = Object.assign({}, safeDefaults, { DST: _DST_scalar }, dstOverride(options), {
        p: N2,
        m: 1
      });
      return hash_to_field(msg, 1, opts)[0][0];
    }
  });
}
function SWUFpSqrtRatio(Fp, Z) {
  const F = validateField(Fp);
  const q = F.ORDER;
  let l = _0n4;
  for (let o = q - _1n4; o % _2n2 === _0n4; o /= _2n2)
    l += _1n4;
  const c1 = l;
  const _2n_pow_c1_1 = _2n2 << c1 - _1n4 - _1n4;
  const _2n_pow_c1 = _2n_pow_c1_1 * _2n2;
  const c2 = (q - _1n4) / _2n_pow_c1;
  const c3 = (c2 - _1n4) / _2n2;
  const c4 = _2n_pow_c1 - _1n4;
  const c5 = _2n_pow_c1_1;
  const c6 = F.pow(Z, c2);
  const c7 = F.pow(Z, (c2 + _1n4) / _2n2);
  let sqrtRatio = (u, v) => {
    let tv1 = c6;
    let tv2 = F.pow(v, c4);
    let tv3 = F.sqr(tv2);
    tv3 = F.mul(tv3, v);
    let tv5 = F.mul(u, tv3);
    tv5 = F.pow(tv5, c3);
    tv5 = F.mul(tv5, tv2);
    tv2 = F.mul(tv5, v);
    tv3 = F.mul(tv5, u);
    let tv4 = F.mul(tv3, tv2);
    tv5 = F.pow(tv4, c5);
    let isQR = F.eql(tv5, F.ONE);
    tv2 = F.mul(tv3, c7);
    tv5 = F.mul(tv4, tv1);
    tv3 = F.cmov(tv2, tv3, isQR);
    tv4 = F.cmov(tv5, tv4, isQR);
    for (let i = c1; i > _1n4; i--) {
      let tv52 = i - _2n2;
      tv52 = _2n2 << tv52 - _1n4;
      let tvv5 = F.pow(tv4, tv52);
      const e1 = F.eql(tvv5, F.ONE);
      tv2 = F.mul(tv3, tv1);
      tv1 = F.mul(tv1, tv1);
      tvv5 = F.mul(tv4, tv1);
      tv3 = F.cmov(tv2, tv3, e1);
      tv4 = F.cmov(tvv5, tv4, e1);
    }
    return { isValid: !F.is0(v) && (isQR || F.is0(u)), value: tv3 };
  };
  if (F.ORDER % _4n3 === _3n2) {
    const c12 = (F.ORDER - _3n2) / _4n3;
    const c22 = F.sqrt(F.neg(Z));
    sqrtRatio = (u, v) => {
      let tv1 = F.sqr(v);
      const tv2 = F.mul(u, v);
      tv1 = F.mul(tv1, tv2);
      let y1 = F.pow(tv1, c12);
      y1 = F.mul(y1, tv2);
      const y2 = F.mul(y1, c22);
      const tv3 = F.mul(F.sqr(y1), v);
      const isQR = F.eql(tv3, u);
      let y = F.cmov(y2, y1, isQR);
      return { isValid: !F.is0(v) && isQR, value: y };
    };
  }
  return sqrtRatio;
}
function mapToCurveSimpleSWU(Fp, opts) {
  const F = validateField(Fp);
  validateObject(opts, {}, {}, "opts");
  const { A, B, Z } = opts;
  if (!F.isValidNot0(A) || !F.isValidNot0(B) || !F.isValid(Z))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  if (F.eql(Z, F.neg(F.ONE)) || FpIsSquare(F, Z))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  const x = F.mul(B, F.inv(F.mul(Z, A)));
  const gx = F.add(F.add(F.mul(F.sqr(x), x), F.mul(A, x)), B);
  if (!FpIsSquare(F, gx))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  const sqrtRatio = SWUFpSqrtRatio(F, Z);
  if (!F.isOdd)
    throw new Error("Field does not have .isOdd()");
  return (u) => {
    let tv1, tv2, tv3, tv4, tv5, tv6, x2, y;
    tv1 = F.sqr(u);
    tv1 = F.mul(tv1, Z);
    tv2 = F.sqr(tv1);
    tv2 = F.add(tv2, tv1);
    tv3 = F.add(tv2, F.ONE);
    tv3 = F.mul(tv3, B);
    tv4 = F.cmov(Z, F.neg(tv2), !F.eql(tv2, F.ZERO));
    tv4 = F.mul(tv4, A);
    tv2 = F.sqr(tv3);
    tv6 = F.sqr(tv4);
    tv5 = F.mul(tv6, A);
    tv2 = F.add(tv2, tv5);
    tv2 = F.mul(tv2, tv3);
    tv6 = F.mul(tv6, tv4);
    tv5 = F.mul(tv6, B);
    tv2 = F.add(tv2, tv5);
    x2 = F.mul(tv1, tv3);
    const { isValid, value } = sqrtRatio(tv2, tv6);
    y = F.mul(tv1, u);
    y = F.mul(y, value);
    x2 = F.cmov(x2, tv3, isValid);
    y = F.cmov(y, value, isValid);
    const e1 = F.isOdd(u) === F.isOdd(y);
    y = F.cmov(F.neg(y), y, e1);
    const tv4_inv = FpInvertBatch(F, [tv4], true)[0];
    x2 = F.mul(x2, tv4_inv);
    return { x: x2, y };
  };
}

// node_modules/@noble/hashes/hmac.js
var _HMAC = class {
  oHash;
  iHash;
  blockLen;
  outputLen;
  canXOF = false;
  finished = false;
  destroyed = false;
  constructor(hash, key) {
    ahash(hash);
    abytes(key, void 0, "key");
    this.iHash = hash.create();
    if (typeof this.iHash.update !== "function")
      throw new Error("expected Hash instance");
    this.blockLen = this.iHash.blockLen;
    this.outputLen = this.iHash.outputLen;
    const blockLen = this.blockLen;
    const pad = new Uint8Array(blockLen);
    pad.set(key.length > blockLen ? hash.create().update(key).digest() : key);
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54;
    this.iHash.update(pad);
    this.oHash = hash.create();
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54 ^ 92;
    this.oHash.update(pad);
    clean(pad);
  }
  update(buf) {
    aexists(this);
    this.iHash.update(buf);
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    this.finished = true;
    const buf = out.subarray(0, this.outputLen);
    this.iHash.digestInto(buf);
    this.oHash.update(buf);
    this.oHash.digestInto(buf);
    this.destroy();
  }
  digest() {
    const out = new Uint8Array(this.oHash.outputLen);
    this.digestInto(out);
    return out;
  }
  _cloneInto(to) {
    to ||= Object.create(Object.getPrototypeOf(this), {});
    const { oHash, iHash, finished, destroyed, blockLen, outputLen, canXOF } = this;
    to = to;
    to.finished = finished;
    to.destroyed = destroyed;
    to.blockLen = blockLen;
    to.outputLen = outputLen;
    to.canXOF = canXOF;
    to.oHash = oHash._cloneInto(to.oHash);
    to.iHash = iHash._cloneInto(to.iHash);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
  destroy() {
    this.destroyed = true;
    this.oHash.destroy();
    this.iHash.destroy();
  }
};
var hmac2 = /* @__PURE__ */ (() => {
  const hmac_ = ((hash, key, message) => new _HMAC(hash, key).update(message).digest());
  hmac_.create = (hash, key) => new _HMAC(hash, key);
  return hmac_;
})();

// node_modules/@noble/curves/abstract/der.js
var _0n5 = /* @__PURE__ */ BigInt(0);
var DERErr = class extends Error {
  constructor(m = "") {
    super(m);
  }
};
var _DER = {
  // asn.1 DER encoding utils
  Err: DERErr,
  // Basic building block is TLV (Tag-Length-Value)
  _tlv: {
    encode: (tag, data) => {
      const { Err: E } = _DER;
      asafenumber(tag, "tag");
      if (tag < 0 || tag > 255)
        throw new E("tlv.encode: wrong tag");
      astring(data, "data");
      if (data.length & 1)
        throw new E("tlv.encode: unpadded data");
      const dataLen = data.length / 2;
      const len = numberToHexUnpadded(dataLen);
      if (len.length / 2 & 128)
        throw new E("tlv.encode: long form length too big");
      const lenLen = dataLen > 127 ? numberToHexUnpadded(len.length / 2 | 128) : "";
      const t2 = numberToHexUnpadded(tag);
      return t2 + lenLen + len + data;
    },
    // v - value, l - left bytes (unparsed)
    decode(tag, data) {
      const { Err: E } = _DER;
      data = abytes2(data, void 0, "DER data");
      let pos = 0;
      if (tag < 0 || tag > 255)
        throw new E("tlv.decode: wrong tag");
      if (data.length < 2 || data[pos++] !== tag)
        throw new E("tlv.decode: wrong tlv");
      const first = data[pos++];
      const isLong = !!(first & 128);
      let length = 0;
      if (!isLong)
        length = first;
      else {
        const lenLen = first & 127;
        if (!lenLen)
          throw new E("tlv.decode(long): indefinite length not supported");
        if (lenLen > 4)
          throw new E("tlv.decode(long): byte length is too big");
        const lengthBytes = data.subarray(pos, pos + lenLen);
        if (lengthBytes.length !== lenLen)
          throw new E("tlv.decode: length bytes not complete");
        if (lengthBytes[0] === 0)
          throw new E("tlv.decode(long): zero leftmost byte");
        for (const b of lengthBytes)
          length = length << 8 | b;
        pos += lenLen;
        if (length < 128)
          throw new E("tlv.decode(long): not minimal encoding");
      }
      const v = data.subarray(pos, pos + length);
      if (v.length !== length)
        throw new E("tlv.decode: wrong value length");
      return { v, l: data.subarray(pos + length) };
    }
  },
  // https://crypto.stackexchange.com/a/57734 Leftmost bit of first byte is 'negative' flag,
  // since we always use positive integers here. It must always be empty:
  // - add zero byte if exists
  // - if next byte doesn't have a flag, leading zero is not allowed (minimal encoding)
  _int: {
    encode(num) {
      const { Err: E } = _DER;
      abignumber(num);
      if (num < _0n5)
        throw new E("integer: negative integers are not allowed");
      let hex = numberToHexUnpadded(num);
      if (Number.parseInt(hex[0], 16) & 8)
        hex = "00" + hex;
      if (hex.length & 1)
        throw new E("unexpected DER parsing assertion: unpadded hex");
      return hex;
    },
    decode(data) {
      const { Err: E } = _DER;
      if (data.length < 1)
        throw new E("invalid signature integer: empty");
      if (data[0] & 128)
        throw new E("invalid signature integer: negative");
      if (data.length > 1 && data[0] === 0 && !(data[1] & 128))
        throw new E("invalid signature integer: unnecessary leading zero");
      return bytesToNumberBE(data);
    }
  },
  toSig(bytes, maxScalarBytes) {
    const { Err: E, _int: int, _tlv: tlv } = _DER;
    if (maxScalarBytes !== void 0) {
      asafenumber(maxScalarBytes, "maxScalarBytes");
      if (maxScalarBytes < 1)
        throw new E("invalid signature: maxScalarBytes must be positive");
    }
    const data = abytes2(bytes, void 0, "signature");
    const { v: seqBytes, l: seqLeftBytes } = tlv.decode(48, data);
    if (seqLeftBytes.length)
      throw new E("invalid signature: left bytes after parsing");
    const { v: rBytes, l: rLeftBytes } = tlv.decode(2, seqBytes);
    const { v: sBytes, l: sLeftBytes } = tlv.decode(2, rLeftBytes);
    if (sLeftBytes.length)
      throw new E("invalid signature: left bytes after parsing");
    if (maxScalarBytes !== void 0 && (rBytes.length > maxScalarBytes || sBytes.length > maxScalarBytes))
      throw new E("invalid signature: integer too large");
    return { r: int.decode(rBytes), s: int.decode(sBytes) };
  },
  hexFromSig(sig) {
    const { _tlv: tlv, _int: int } = _DER;
    validateObject(sig, { r: "bigint", s: "bigint" }, {}, "sig");
    const rs = tlv.encode(2, int.encode(sig.r));
    const ss = tlv.encode(2, int.encode(sig.s));
    const seq = rs + ss;
    return tlv.encode(48, seq);
  }
};
var DER = /* @__PURE__ */ (() => {
  Object.freeze(_DER._tlv);
  Object.freeze(_DER._int);
  return Object.freeze(_DER);
})();

// node_modules/@noble/curves/abstract/weierstrass.js
var divNearest = (num, den) => (num + (num >= 0 ? den : -den) / _2n3) / den;
function _splitEndoScalar(k, basis, n) {
  aInRange("scalar", k, _0n6, n);
  const [[a1, b1], [a2, b2]] = basis;
  const c1 = divNearest(b2 * k, n);
  const c2 = divNearest(-b1 * k, n);
  let k1 = k - c1 * a1 - c2 * a2;
  let k2 = -c1 * b1 - c2 * b2;
  const k1neg = k1 < _0n6;
  const k2neg = k2 < _0n6;
  if (k1neg)
    k1 = -k1;
  if (k2neg)
    k2 = -k2;
  const MAX_NUM = bitMask(Math.ceil(bitLen(n) / 2)) + _1n5;
  if (k1 < _0n6 || k1 >= MAX_NUM || k2 < _0n6 || k2 >= MAX_NUM) {
    throw new Error("splitScalar (endomorphism): failed for k");
  }
  return { k1neg, k1, k2neg, k2 };
}
function validateSigFormat(format2) {
  if (!["compact", "recovered", "der"].includes(format2))
    throw new Error('Signature format must be "compact", "recovered", or "der"');
  return format2;
}
function validateSigOpts(opts, def) {
  validateObject(opts);
  const optsn = {};
  for (let optName of Object.keys(def)) {
    optsn[optName] = opts[optName] === void 0 ? def[optName] : opts[optName];
  }
  abool(optsn.lowS, "lowS");
  abool(optsn.prehash, "prehash");
  if (optsn.format !== void 0)
    validateSigFormat(optsn.format);
  return optsn;
}
var _0n6 = /* @__PURE__ */ BigInt(0);
var _1n5 = /* @__PURE__ */ BigInt(1);
var _2n3 = /* @__PURE__ */ BigInt(2);
var _3n3 = /* @__PURE__ */ BigInt(3);
var _4n4 = /* @__PURE__ */ BigInt(4);
function weierstrass(params, extraOpts = {}) {
  const validated = createCurveFields("weierstrass", params, extraOpts);
  const Fp = validated.Fp;
  const Fn2 = validated.Fn;
  let CURVE = validated.CURVE;
  const { h: cofactor, n: CURVE_ORDER } = CURVE;
  validateObject(extraOpts, {}, {
    allowInfinityPoint: "boolean",
    clearCofactor: "function",
    isTorsionFree: "function",
    fromBytes: "function",
    toBytes: "function",
    endo: "object",
    randomBytes: "function"
  });
  const { endo: endoOpts, allowInfinityPoint, clearCofactor, isTorsionFree, fromBytes, toBytes } = extraOpts;
  const randomBytes3 = extraOpts.randomBytes === void 0 ? randomBytes2 : extraOpts.randomBytes;
  if (endoOpts) {
    if (!Fp.is0(CURVE.a) || typeof endoOpts.beta !== "bigint" || !Array.isArray(endoOpts.basises)) {
      throw new Error('invalid endo: expected "beta": bigint and "basises": array');
    }
  }
  const endo = endoOpts ? {
    beta: endoOpts.beta,
    basises: endoOpts.basises.map((basis) => [...basis])
  } : void 0;
  const lengths = getWLengths(Fp, Fn2);
  function assertCompressionIsSupported() {
    if (!Fp.isOdd)
      throw new Error("compression is not supported: Field does not have .isOdd()");
  }
  function pointToBytes(_c, point, isCompressed) {
    if (point.is0()) {
      if (!allowInfinityPoint)
        throw new Error("bad point: ZERO");
      return Uint8Array.of(0);
    }
    const { x, y } = point.toAffine();
    const bx = Fp.toBytes(x);
    abool(isCompressed, "isCompressed");
    if (isCompressed) {
      assertCompressionIsSupported();
      const hasEvenY = !Fp.isOdd(y);
      return concatBytes2(pprefix(hasEvenY), bx);
    } else {
      return concatBytes2(Uint8Array.of(4), bx, Fp.toBytes(y));
    }
  }
  function pointFromBytes(bytes) {
    abytes2(bytes, void 0, "Point");
    const { publicKey: comp, publicKeyUncompressed: uncomp } = lengths;
    const length = bytes.length;
    const head = bytes[0];
    const tail = bytes.subarray(1);
    if (allowInfinityPoint && length === 1 && head === 0)
      return { x: Fp.ZERO, y: Fp.ZERO };
    if (length === comp && (head === 2 || head === 3)) {
      const x = Fp.fromBytes(tail);
      if (!Fp.isValid(x))
        throw new Error("bad point: is not on curve, wrong x");
      const y2 = weierstrassEquation(x);
      let y;
      try {
        y = Fp.sqrt(y2);
      } catch (sqrtError) {
        const err = sqrtError instanceof Error ? ": " + sqrtError.message : "";
        throw new Error("bad point: is not on curve, sqrt error" + err);
      }
      assertCompressionIsSupported();
      const evenY = Fp.isOdd(y);
      const evenH = (head & 1) === 1;
      if (evenH !== evenY)
        y = Fp.neg(y);
      return { x, y };
    } else if (length === uncomp && head === 4) {
      const L = Fp.BYTES;
      const x = Fp.fromBytes(tail.subarray(0, L));
      const y = Fp.fromBytes(tail.subarray(L, L * 2));
      if (!isValidXY(x, y))
        throw new Error("bad point: is not on curve");
      return { x, y };
    } else {
      throw new Error(`bad point: got length ${length}, expected compressed=${comp} or uncompressed=${uncomp}`);
    }
  }
  const encodePoint = toBytes === void 0 ? pointToBytes : toBytes;
  const decodePoint = fromBytes === void 0 ? pointFromBytes : fromBytes;
  const b3 = Fp.mul(CURVE.b, _3n3);
  const mulA = Fp.is0(CURVE.a) ? (_) => Fp.ZERO : (x) => Fp.mul(CURVE.a, x);
  function weierstrassEquation(x) {
    const x2 = Fp.sqr(x);
    const x3 = Fp.mul(x2, x);
    return Fp.add(Fp.add(x3, Fp.mul(x, CURVE.a)), CURVE.b);
  }
  function isValidXY(x, y) {
    const left = Fp.sqr(y);
    const right = weierstrassEquation(x);
    return Fp.eql(left, right);
  }
  if (!isValidXY(CURVE.Gx, CURVE.Gy))
    throw new Error("bad curve params: generator point");
  const _4a3 = Fp.mul(Fp.pow(CURVE.a, _3n3), _4n4);
  const _27b2 = Fp.mul(Fp.sqr(CURVE.b), BigInt(27));
  if (Fp.is0(Fp.add(_4a3, _27b2)))
    throw new Error("bad curve params: a or b");
  function acoord(title, n, banZero = false) {
    if (!Fp.isValid(n) || banZero && Fp.is0(n))
      throw new Error(`bad point coordinate ${title}`);
    return typeof n === "object" && n !== null ? Fp.create(n) : n;
  }
  function aprjpoint(other) {
    if (!(other instanceof Point3))
      throw new Error("Weierstrass Point expected");
  }
  function splitEndoScalarN(k) {
    if (!endo || !endo.basises)
      throw new Error("no endo");
    return _splitEndoScalar(k, endo.basises, Fn2.ORDER);
  }
  function pushWnafPair(points, scalars, p, k) {
    if (!Fn2.isValid(k))
      throw new RangeError("invalid scalar: out of range");
    if (endo) {
      const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(k);
      const psi = new Point3(Fp.mul(p.X, endo.beta), p.Y, p.Z);
      points.push(k1neg ? p.negate() : p, k2neg ? psi.negate() : psi);
      scalars.push(k1, k2);
    } else {
      points.push(p);
      scalars.push(k);
    }
  }
  const validityCache = /* @__PURE__ */ new WeakSet();
  class Point3 {
    static BASE = new Point3(CURVE.Gx, CURVE.Gy, Fp.ONE);
    static ZERO = new Point3(Fp.ZERO, Fp.ONE, Fp.ZERO);
    static Fp = Fp;
    static Fn = Fn2;
    X;
    Y;
    Z;
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    constructor(X, Y, Z) {
      this.X = acoord("x", X);
      this.Y = acoord("y", Y, true);
      this.Z = acoord("z", Z);
      Object.freeze(this);
    }
    static CURVE() {
      return CURVE;
    }
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    static fromAffine(p) {
      const { x, y } = p || {};
      if (!p || !Fp.isValid(x) || !Fp.isValid(y))
        throw new Error("invalid affine point");
      if (p instanceof Point3)
        throw new Error("projective point not allowed");
      if (Fp.is0(x) && Fp.is0(y))
        return Point3.ZERO;
      return new Point3(x, y, Fp.ONE);
    }
    static fromBytes(bytes) {
      const P = Point3.fromAffine(decodePoint(abytes2(bytes, void 0, "point")));
      P.assertValidity();
      return P;
    }
    static fromHex(hex) {
      return Point3.fromBytes(hexToBytes2(hex));
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    /**
     * @param isLazy - true will defer table computation until the first multiplication
     */
    precompute(windowSize = 6, isLazy = true) {
      wnaf.setWindowSize(this, windowSize);
      if (!isLazy)
        this.multiply(_3n3);
      return this;
    }
    // TODO: return `this`
    /** A point on curve is valid if it conforms to equation. */
    assertValidity() {
      const p = this;
      if (p.is0()) {
        if (allowInfinityPoint && Fp.is0(p.X) && Fp.eql(p.Y, Fp.ONE) && Fp.is0(p.Z))
          return;
        throw new Error("bad point: ZERO");
      }
      if (validityCache.has(p))
        return;
      const { x, y } = p.toAffine();
      if (!Fp.isValid(x) || !Fp.isValid(y))
        throw new Error("bad point: x or y not field elements");
      if (!isValidXY(x, y))
        throw new Error("bad point: equation left != right");
      if (!p.isTorsionFree())
        throw new Error("bad point: not in prime-order subgroup");
      validityCache.add(p);
    }
    hasEvenY() {
      const { y } = this.toAffine();
      if (!Fp.isOdd)
        throw new Error("Field doesn't support isOdd");
      return !Fp.isOdd(y);
    }
    /** Compare one point to another. */
    equals(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      const U1 = Fp.eql(Fp.mul(X1, Z2), Fp.mul(X2, Z1));
      const U2 = Fp.eql(Fp.mul(Y1, Z2), Fp.mul(Y2, Z1));
      return U1 && U2;
    }
    /** Flips point to one corresponding to (x, -y) in Affine coordinates. */
    negate() {
      return new Point3(this.X, Fp.neg(this.Y), this.Z);
    }
    // Renes-Costello-Batina exception-free doubling formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 3
    // Cost: 8M + 3S + 3*a + 2*b3 + 15add.
    double() {
      const { X: X1, Y: Y1, Z: Z1 } = this;
      let X3 = Fp.ZERO, Y3 = Fp.ZERO, Z3 = Fp.ZERO;
      let t0 = Fp.mul(X1, X1);
      let t1 = Fp.mul(Y1, Y1);
      let t2 = Fp.mul(Z1, Z1);
      let t3 = Fp.mul(X1, Y1);
      t3 = Fp.add(t3, t3);
      Z3 = Fp.mul(X1, Z1);
      Z3 = Fp.add(Z3, Z3);
      X3 = mulA(Z3);
      Y3 = Fp.mul(b3, t2);
      Y3 = Fp.add(X3, Y3);
      X3 = Fp.sub(t1, Y3);
      Y3 = Fp.add(t1, Y3);
      Y3 = Fp.mul(X3, Y3);
      X3 = Fp.mul(t3, X3);
      Z3 = Fp.mul(b3, Z3);
      t2 = mulA(t2);
      t3 = Fp.sub(t0, t2);
      t3 = mulA(t3);
      t3 = Fp.add(t3, Z3);
      Z3 = Fp.add(t0, t0);
      t0 = Fp.add(Z3, t0);
      t0 = Fp.add(t0, t2);
      t0 = Fp.mul(t0, t3);
      Y3 = Fp.add(Y3, t0);
      t2 = Fp.mul(Y1, Z1);
      t2 = Fp.add(t2, t2);
      t0 = Fp.mul(t2, t3);
      X3 = Fp.sub(X3, t0);
      Z3 = Fp.mul(t2, t1);
      Z3 = Fp.add(Z3, Z3);
      Z3 = Fp.add(Z3, Z3);
      return new Point3(X3, Y3, Z3);
    }
    // Renes-Costello-Batina exception-free addition formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 1
    // Cost: 12M + 0S + 3*a + 3*b3 + 23add.
    add(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      let X3 = Fp.ZERO, Y3 = Fp.ZERO, Z3 = Fp.ZERO;
      let t0 = Fp.mul(X1, X2);
      let t1 = Fp.mul(Y1, Y2);
      let t2 = Fp.mul(Z1, Z2);
      let t3 = Fp.add(X1, Y1);
      let t4 = Fp.add(X2, Y2);
      t3 = Fp.mul(t3, t4);
      t4 = Fp.add(t0, t1);
      t3 = Fp.sub(t3, t4);
      t4 = Fp.add(X1, Z1);
      let t5 = Fp.add(X2, Z2);
      t4 = Fp.mul(t4, t5);
      t5 = Fp.add(t0, t2);
      t4 = Fp.sub(t4, t5);
      t5 = Fp.add(Y1, Z1);
      X3 = Fp.add(Y2, Z2);
      t5 = Fp.mul(t5, X3);
      X3 = Fp.add(t1, t2);
      t5 = Fp.sub(t5, X3);
      Z3 = mulA(t4);
      X3 = Fp.mul(b3, t2);
      Z3 = Fp.add(X3, Z3);
      X3 = Fp.sub(t1, Z3);
      Z3 = Fp.add(t1, Z3);
      Y3 = Fp.mul(X3, Z3);
      t1 = Fp.add(t0, t0);
      t1 = Fp.add(t1, t0);
      t2 = mulA(t2);
      t4 = Fp.mul(b3, t4);
      t1 = Fp.add(t1, t2);
      t2 = Fp.sub(t0, t2);
      t2 = mulA(t2);
      t4 = Fp.add(t4, t2);
      t0 = Fp.mul(t1, t4);
      Y3 = Fp.add(Y3, t0);
      t0 = Fp.mul(t5, t4);
      X3 = Fp.mul(t3, X3);
      X3 = Fp.sub(X3, t0);
      t0 = Fp.mul(t3, t1);
      Z3 = Fp.mul(t5, Z3);
      Z3 = Fp.add(Z3, t0);
      return new Point3(X3, Y3, Z3);
    }
    subtract(other) {
      aprjpoint(other);
      return this.add(other.negate());
    }
    is0() {
      return this.equals(Point3.ZERO);
    }
    /**
     * Constant time multiplication.
     * Uses precomputed tables (signed fixed-window wNAF) when available.
     * Uses scalar blinding and avoids endomorphism splitting in the secret-scalar path.
     * @param scalar - by which the point would be multiplied
     * @returns New point
     */
    multiply(scalar) {
      if (!Fn2.isValidNot0(scalar))
        throw new RangeError("invalid scalar: out of range");
      const { p, f } = wnaf.mulSecret(this, scalar, cofactor, normalize);
      return normalize([p, f])[0];
    }
    /**
     * Non-constant-time multiplication. Uses width-4 wNAF with GLV endomorphism splitting
     * when available (two half-width scalars sharing one halved doubling chain).
     * It's faster, but should only be used when you don't care about
     * an exposed secret key e.g. sig verification, which works over *public* keys.
     */
    multiplyUnsafe(scalar) {
      const p = this;
      const sc = scalar;
      if (!Fn2.isValid(sc))
        throw new RangeError("invalid scalar: out of range");
      if (sc === _0n6 || p.is0())
        return Point3.ZERO;
      if (sc === _1n5)
        return p;
      if (wnaf.hasWindowSize(this))
        return wnaf.mulUnsafe(p, sc, normalize);
      const points = [];
      const scalars = [];
      pushWnafPair(points, scalars, p, sc);
      return mulAddUnsafe(Point3, points, scalars);
    }
    /**
     * Non-constant-time double-scalar multiplication `a⋅this + b⋅other` (Strauss–Shamir).
     * Both walks share one doubling chain via {@link mulAddUnsafe}, and GLV endomorphism
     * (when available) halves the chain again by splitting each scalar into two half-width
     * parts. Used by ECDSA verification and public-key recovery for `R = u1⋅G + u2⋅P`.
     * Only for public scalars.
     */
    mulAddUnsafe(a, other, b) {
      aprjpoint(other);
      const points = [];
      const scalars = [];
      pushWnafPair(points, scalars, this, a);
      pushWnafPair(points, scalars, other, b);
      return mulAddUnsafe(Point3, points, scalars);
    }
    /**
     * Converts Projective point to affine (x, y) coordinates.
     * (X, Y, Z) ∋ (x=X/Z, y=Y/Z).
     * @param invertedZ - Z^-1 (inverted zero) - optional, precomputation is useful for invertBatch
     */
    toAffine(invertedZ) {
      const p = this;
      let iz = invertedZ;
      if (iz != null && !Fp.isValid(iz))
        throw new RangeError('"invertedZ" expected valid field element');
      const { X, Y, Z } = p;
      if (Fp.eql(Z, Fp.ONE))
        return { x: X, y: Y };
      const is0 = p.is0();
      if (iz == null)
        iz = is0 ? Fp.ONE : Fp.inv(Z);
      const x = Fp.mul(X, iz);
      const y = Fp.mul(Y, iz);
      const zz = Fp.mul(Z, iz);
      if (is0)
        return { x: Fp.ZERO, y: Fp.ZERO };
      if (!Fp.eql(zz, Fp.ONE))
        throw new Error("invZ was invalid");
      return { x, y };
    }
    /**
     * Checks whether Point is free of torsion elements (is in prime subgroup).
     * Always torsion-free for cofactor=1 curves.
     */
    isTorsionFree() {
      if (cofactor === _1n5)
        return true;
      if (isTorsionFree)
        return isTorsionFree(Point3, this);
      return wnaf.mulUnsafe(this, CURVE_ORDER).is0();
    }
    clearCofactor() {
      if (cofactor === _1n5)
        return this;
      if (clearCofactor)
        return clearCofactor(Point3, this);
      return this.multiplyUnsafe(cofactor);
    }
    isSmallOrder() {
      if (cofactor === _1n5)
        return this.is0();
      return this.clearCofactor().is0();
    }
    toBytes(isCompressed = true) {
      abool(isCompressed, "isCompressed");
      this.assertValidity();
      return encodePoint(Point3, this, isCompressed);
    }
    toHex(isCompressed = true) {
      return bytesToHex2(this.toBytes(isCompressed));
    }
    toString() {
      return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
    }
  }
  const normalize = (points) => normalizeZ(Point3, points);
  const wnaf = new ScalarMultiplier(Point3, randomBytes3);
  if (wnaf.bits >= 6)
    Point3.BASE.precompute(6);
  Object.freeze(Point3.prototype);
  Object.freeze(Point3);
  return Point3;
}
function pprefix(hasEvenY) {
  return Uint8Array.of(hasEvenY ? 2 : 3);
}
function getWLengths(Fp, Fn2) {
  return {
    secretKey: Fn2.BYTES,
    publicKey: 1 + Fp.BYTES,
    publicKeyUncompressed: 1 + 2 * Fp.BYTES,
    publicKeyHasPrefix: true,
    // Raw compact `(r || s)` signature width; DER and recovered signatures use
    // different lengths outside this helper.
    signature: 2 * Fn2.BYTES
  };
}
function ecdh(Point3, ecdhOpts = {}) {
  validatePointCons(Point3);
  const { Fn: Fn2 } = Point3;
  const randomBytes_ = ecdhOpts.randomBytes === void 0 ? randomBytes2 : ecdhOpts.randomBytes;
  const lengths = Object.assign(getWLengths(Point3.Fp, Fn2), {
    seed: Math.max(getMinHashLength(Fn2.ORDER), 16)
  });
  function isValidSecretKey(secretKey) {
    try {
      const num = Fn2.fromBytes(secretKey);
      return Fn2.isValidNot0(num);
    } catch (error) {
      return false;
    }
  }
  function isValidPublicKey(publicKey, isCompressed) {
    const { publicKey: comp, publicKeyUncompressed } = lengths;
    try {
      const l = publicKey.length;
      if (isCompressed === true && l !== comp)
        return false;
      if (isCompressed === false && l !== publicKeyUncompressed)
        return false;
      return !Point3.fromBytes(publicKey).is0();
    } catch (error) {
      return false;
    }
  }
  function randomSecretKey(seed) {
    seed = seed === void 0 ? randomBytes_(lengths.seed) : seed;
    return mapHashToField(abytes2(seed, lengths.seed, "seed"), Fn2.ORDER);
  }
  function getPublicKey(secretKey, isCompressed = true) {
    return Point3.BASE.multiply(Fn2.fromBytes(secretKey)).toBytes(isCompressed);
  }
  function isProbPub(item) {
    const { secretKey, publicKey, publicKeyUncompressed } = lengths;
    const allowedLengths = Fn2._lengths;
    if (!isBytes2(item))
      return void 0;
    const l = abytes2(item, void 0, "key").length;
    const isPub = l === publicKey || l === publicKeyUncompressed;
    const isSec = l === secretKey || !!allowedLengths?.includes(l);
    if (isPub && isSec)
      return void 0;
    return isPub;
  }
  function getSharedSecret(secretKeyA, publicKeyB, isCompressed = true) {
    if (isProbPub(secretKeyA) === true)
      throw new Error("first arg must be private key");
    if (isProbPub(publicKeyB) === false)
      throw new Error("second arg must be public key");
    const s = Fn2.fromBytes(secretKeyA);
    const b = Point3.fromBytes(publicKeyB);
    if (b.is0())
      throw new Error("invalid public key: point at infinity");
    return b.multiply(s).toBytes(isCompressed);
  }
  const utils = {
    isValidSecretKey,
    isValidPublicKey,
    randomSecretKey
  };
  const keygen = createKeygen(randomSecretKey, getPublicKey);
  Object.freeze(utils);
  Object.freeze(lengths);
  return Object.freeze({ getPublicKey, getSharedSecret, keygen, Point: Point3, utils, lengths });
}
function ecdsa(Point3, hash, ecdsaOpts = {}) {
  validatePointCons(Point3);
  const hash_ = hash;
  ahash(hash_);
  validateObject(ecdsaOpts, {}, {
    hmac: "function",
    lowS: "boolean",
    randomBytes: "function",
    bits2int: "function",
    bits2int_modN: "function"
  });
  const opts = Object.assign({}, ecdsaOpts);
  const randomBytes3 = opts.randomBytes === void 0 ? randomBytes2 : opts.randomBytes;
  const hmac3 = opts.hmac === void 0 ? (key, msg) => hmac2(hash_, key, msg) : opts.hmac;
  const { Fp, Fn: Fn2 } = Point3;
  const { ORDER: CURVE_ORDER, BITS: fnBits } = Fn2;
  const blindLength = getMinHashLength(CURVE_ORDER);
  const csprng = probeRandomBytes(randomBytes3, blindLength);
  const { keygen, getPublicKey, getSharedSecret, utils, lengths } = ecdh(Point3, opts);
  const defaultSigOpts = {
    prehash: true,
    lowS: typeof opts.lowS === "boolean" ? opts.lowS : true,
    format: "compact",
    extraEntropy: false
  };
  const hasLargeRecoveryLifts = CURVE_ORDER * _2n3 + _1n5 < Fp.ORDER;
  function isBiggerThanHalfOrder(number) {
    const HALF = CURVE_ORDER >> _1n5;
    return number > HALF;
  }
  function validateRS(title, num) {
    if (!Fn2.isValidNot0(num))
      throw new Error(`invalid signature ${title}: out of range 1..Point.Fn.ORDER`);
    return num;
  }
  function assertFieldSignIsSupported() {
    if (!Fp.isOdd)
      throw new Error("Field doesn't support isOdd");
  }
  function getRecoveryBit(x, y, r) {
    assertFieldSignIsSupported();
    return (x === r ? 0 : 2) | Number(Fp.isOdd(y));
  }
  function assertRecoverableCurve() {
    if (hasLargeRecoveryLifts)
      throw new Error('"recovered" sig type is not supported for cofactor >2 curves');
  }
  function validateSigLength(bytes, format2) {
    validateSigFormat(format2);
    const size = lengths.signature;
    const sizer = format2 === "compact" ? size : format2 === "recovered" ? size + 1 : void 0;
    return abytes2(bytes, sizer);
  }
  class Signature {
    r;
    s;
    recovery;
    constructor(r, s, recovery) {
      this.r = validateRS("r", r);
      this.s = validateRS("s", s);
      if (recovery != null) {
        assertRecoverableCurve();
        if (![0, 1, 2, 3].includes(recovery))
          throw new Error("invalid recovery id");
        this.recovery = recovery;
      }
      Object.freeze(this);
    }
    static fromBytes(bytes, format2 = defaultSigOpts.format) {
      validateSigLength(bytes, format2);
      let recid;
      if (format2 === "der") {
        if (bytes.length > 2 * Fn2.BYTES + 16)
          throw new DER.Err("invalid signature: DER signature too long");
        const { r: r2, s: s2 } = DER.toSig(abytes2(bytes), Fn2.BYTES + 1);
        return new Signature(r2, s2);
      }
      if (format2 === "recovered") {
        recid = bytes[0];
        format2 = "compact";
        bytes = bytes.subarray(1);
      }
      const L = lengths.signature / 2;
      const r = bytes.subarray(0, L);
      const s = bytes.subarray(L, L * 2);
      return new Signature(Fn2.fromBytes(r), Fn2.fromBytes(s), recid);
    }
    static fromHex(hex, format2) {
      return this.fromBytes(hexToBytes2(hex), format2);
    }
    assertRecovery() {
      const { recovery } = this;
      if (recovery == null)
        throw new Error("invalid recovery id: must be present");
      return recovery;
    }
    addRecoveryBit(recovery) {
      return new Signature(this.r, this.s, recovery);
    }
    // Unlike the top-level helper below, this method expects a digest that has
    // already been hashed to the curve's message representative.
    recoverPublicKey(messageHash) {
      const { r, s } = this;
      const recovery = this.assertRecovery();
      const radj = recovery === 2 || recovery === 3 ? r + CURVE_ORDER : r;
      if (!Fp.isValid(radj))
        throw new Error("invalid recovery id: sig.r+curve.n != R.x");
      const x = Fp.toBytes(radj);
      const R = Point3.fromBytes(concatBytes2(pprefix((recovery & 1) === 0), x));
      const ir = Fn2.inv(radj);
      const h = bits2int_modN(abytes2(messageHash, void 0, "msgHash"));
      const u1 = Fn2.create(-h * ir);
      const u2 = Fn2.create(s * ir);
      const Q = Point3.BASE.mulAddUnsafe(u1, R, u2);
      if (Q.is0())
        throw new Error("invalid recovery: point at infinify");
      Q.assertValidity();
      return Q;
    }
    // Signatures should be low-s, to prevent malleability.
    hasHighS() {
      return isBiggerThanHalfOrder(this.s);
    }
    toBytes(format2 = defaultSigOpts.format) {
      validateSigFormat(format2);
      if (format2 === "der")
        return hexToBytes2(DER.hexFromSig(this));
      const { r, s } = this;
      const rb = Fn2.toBytes(r);
      const sb = Fn2.toBytes(s);
      if (format2 === "recovered") {
        assertRecoverableCurve();
        return concatBytes2(Uint8Array.of(this.assertRecovery()), rb, sb);
      }
      return concatBytes2(rb, sb);
    }
    toHex(format2) {
      return bytesToHex2(this.toBytes(format2));
    }
  }
  Object.freeze(Signature.prototype);
  Object.freeze(Signature);
  const bits2int = opts.bits2int === void 0 ? function bits2int_def(bytes) {
    if (bytes.length > 8192)
      throw new Error("input is too large");
    const num = bytesToNumberBE(bytes);
    const delta = bytes.length * 8 - fnBits;
    return delta > 0 ? num >> BigInt(delta) : num;
  } : opts.bits2int;
  const bits2int_modN = opts.bits2int_modN === void 0 ? function bits2int_modN_def(bytes) {
    return Fn2.create(bits2int(bytes));
  } : opts.bits2int_modN;
  const ORDER_MASK = bitMask(fnBits);
  function int2octets(num) {
    aInRange("num < 2^" + fnBits, num, _0n6, ORDER_MASK);
    return Fn2.toBytes(num);
  }
  function validateMsgAndHash(message, prehash) {
    abytes2(message, void 0, "message");
    return prehash ? abytes2(hash_(message), void 0, "prehashed message") : message;
  }
  function prepSig(message, secretKey, opts2) {
    const { lowS, prehash, extraEntropy } = validateSigOpts(opts2, defaultSigOpts);
    message = validateMsgAndHash(message, prehash);
    const h1int = bits2int_modN(message);
    const d = Fn2.fromBytes(secretKey);
    if (!Fn2.isValidNot0(d))
      throw new Error("invalid private key");
    const seedArgs = [int2octets(d), int2octets(h1int)];
    if (extraEntropy != null && extraEntropy !== false) {
      const e = extraEntropy === true ? randomBytes3(lengths.secretKey) : extraEntropy;
      seedArgs.push(abytes2(e, void 0, "extraEntropy"));
    }
    const seed = concatBytes2(...seedArgs);
    const m = h1int;
    function k2sig(kBytes) {
      const k = bits2int(kBytes);
      if (!Fn2.isValidNot0(k))
        return;
      const q = Point3.BASE.multiply(k).toAffine();
      const r = Fn2.create(q.x);
      if (r === _0n6)
        return;
      let s;
      if (csprng !== void 0) {
        const b = bytesToNumberBE(mapHashToField(csprng(blindLength), CURVE_ORDER));
        const ibk = Fn2.inv(Fn2.mul(b, k));
        const bm = Fn2.mul(b, m);
        const bd = Fn2.mul(b, d);
        s = Fn2.create(ibk * Fn2.create(bm + bd * r));
      } else {
        const ik = invertCt(k, CURVE_ORDER);
        s = Fn2.create(ik * Fn2.create(m + r * d));
      }
      if (s === _0n6)
        return;
      let recovery = getRecoveryBit(q.x, q.y, r);
      let normS = s;
      if (lowS && isBiggerThanHalfOrder(s)) {
        normS = Fn2.neg(s);
        recovery ^= 1;
      }
      return new Signature(r, normS, hasLargeRecoveryLifts ? void 0 : recovery);
    }
    return { seed, k2sig };
  }
  function sign(message, secretKey, opts2 = {}) {
    const { seed, k2sig } = prepSig(message, secretKey, opts2);
    const drbg = createHmacDrbg(hash_.outputLen, Fn2.BYTES, hmac3);
    const sig = drbg(seed, k2sig);
    return sig.toBytes(opts2.format);
  }
  function verify(signature, message, publicKey, opts2 = {}) {
    const { lowS, prehash, format: format2 } = validateSigOpts(opts2, defaultSigOpts);
    publicKey = abytes2(publicKey, void 0, "publicKey");
    message = validateMsgAndHash(message, prehash);
    if (!isBytes2(signature)) {
      const end = signature instanceof Signature ? ", use sig.toBytes()" : "";
      throw new Error("verify expects Uint8Array signature" + end);
    }
    validateSigLength(signature, format2);
    try {
      const sig = Signature.fromBytes(signature, format2);
      const P = Point3.fromBytes(publicKey);
      if (P.is0())
        return false;
      if (lowS && sig.hasHighS())
        return false;
      const { r, s } = sig;
      const h = bits2int_modN(message);
      const is = Fn2.inv(s);
      const u1 = Fn2.create(h * is);
      const u2 = Fn2.create(r * is);
      const R = Point3.BASE.mulAddUnsafe(u1, P, u2);
      if (R.is0())
        return false;
      const q = R.toAffine();
      const v = Fn2.create(q.x);
      if (v !== r)
        return false;
      if (format2 === "recovered" && sig.recovery !== getRecoveryBit(q.x, q.y, r))
        return false;
      return true;
    } catch (e) {
      return false;
    }
  }
  function recoverPublicKey(signature, message, opts2 = {}) {
    const { prehash } = validateSigOpts(opts2, defaultSigOpts);
    message = validateMsgAndHash(message, prehash);
    return Signature.fromBytes(signature, "recovered").recoverPublicKey(message).toBytes();
  }
  return Object.freeze({
    keygen,
    getPublicKey,
    getSharedSecret,
    utils,
    lengths,
    Point: Point3,
    sign,
    verify,
    recoverPublicKey,
    Signature,
    hash: hash_
  });
}

// node_modules/@noble/curves/nist.js
var p256_CURVE = /* @__PURE__ */ (() => ({
  p: BigInt("0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
  n: BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
  h: BigInt(1),
  a: BigInt("0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
  b: BigInt("0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
  Gx: BigInt("0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
  Gy: BigInt("0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")
}))();
function createSWU(Point3, opts) {
  let map;
  return (scalars) => (map || (map = mapToCurveSimpleSWU(Point3.Fp, opts)))(scalars[0]);
}
var p256_Point = /* @__PURE__ */ weierstrass(p256_CURVE);
var p256 = /* @__PURE__ */ ecdsa(p256_Point, sha2562);
var p256_hasher = /* @__PURE__ */ (() => {
  return createHasher2(p256_Point, createSWU(p256_Point, {
    A: p256_CURVE.a,
    B: p256_CURVE.b,
    Z: p256_Point.Fp.neg(BigInt(10))
  }), {
    DST: "P256_XMD:SHA-256_SSWU_RO_",
    encodeDST: "P256_XMD:SHA-256_SSWU_NU_",
    p: p256_CURVE.p,
    m: 1,
    k: 128,
    expand: "xmd",
    hash: sha2562
  });
})();

// src/spake2.js
var Point = p256.Point;
var ORDER = Point.Fn.ORDER;
var M = Point.fromBytes(fromHex("02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f"));
var N = Point.fromBytes(fromHex("03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49"));
var toScalar = (bytes) => BigInt("0x" + (toHex(bytes) || "0"));
var fromScalar = (n) => fromHex(n.toString(16).padStart(64, "0"));
function randomScalar() {
  for (; ; ) {
    const candidate = toScalar(crypto.getRandomValues(new Uint8Array(32)));
    if (candidate > 0n && candidate < ORDER) return candidate;
  }
}
function parseShare(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 65 || bytes[0] !== 4) return null;
  try {
    const point = Point.fromBytes(bytes);
    point.assertValidity();
    return point.is0() ? null : point;
  } catch {
    return null;
  }
}
function lengthPrefixed(x) {
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setUint32(0, x.length, true);
  return concat(prefix, x);
}
var transcript = (...parts) => concat(...parts.map(lengthPrefixed));
async function deriveKeys(tt, aad) {
  const hash = await sha256(tt);
  const ke = hash.slice(0, 16);
  const ka = hash.slice(16, 32);
  const confirmationKeys = await hkdfExpand(await hkdfExtract(new Uint8Array(0), ka), concat(utf8("ConfirmationKeys"), aad), 32);
  return { ke, ka, kcA: confirmationKeys.slice(0, 16), kcB: confirmationKeys.slice(16, 32) };
}
function createSpake2(role, password, identityA, identityB, aad = new Uint8Array(0), ephemeral = randomScalar()) {
  const w = password.slice();
  const wScalar = toScalar(w);
  if (w.length !== 32 || wScalar <= 0n || wScalar >= ORDER) throw new Error("w is 32 bytes in [1, p)");
  if (ephemeral <= 0n || ephemeral >= ORDER) throw new Error("the ephemeral scalar is in [1, p)");
  const own = role === "A" ? M : N;
  const other = role === "A" ? N : M;
  const share = Point.BASE.multiply(ephemeral).add(own.multiply(wScalar)).toBytes(false);
  let expected = null;
  let ke = null;
  let state = "awaiting-share";
  return {
    role,
    share,
    /**
     * Computes this side's confirmation from the peer's share; throws on an invalid share (which ends the run). The
     * associated data enters only here, so an initiator may learn it (the mailbox id) after sending its share.
     * @param {Uint8Array} peerShare @param {Uint8Array} [associatedData]
     */
    async finish(peerShare, associatedData = aad) {
      if (state !== "awaiting-share") throw new Error(`finish is not allowed: ${state}`);
      state = "failed";
      const peer = parseShare(peerShare);
      if (peer === null) throw new Error("The peer's SPAKE2 share is not a point on P-256.");
      const k = peer.subtract(other.multiply(wScalar)).multiply(ephemeral);
      if (k.is0()) throw new Error("The SPAKE2 shared point is the point at infinity.");
      const shareA = role === "A" ? share : peerShare;
      const shareB = role === "A" ? peerShare : share;
      const tt = transcript(identityA, identityB, shareA, shareB, k.toBytes(false), w);
      const keys = await deriveKeys(tt, associatedData);
      wipe(w);
      const mine = await hmac(role === "A" ? keys.kcA : keys.kcB, tt);
      expected = await hmac(role === "A" ? keys.kcB : keys.kcA, tt);
      ke = keys.ke;
      wipe(tt);
      wipe(keys.ka);
      wipe(keys.kcA);
      wipe(keys.kcB);
      state = "awaiting-confirmation";
      return mine;
    },
    /** Checks the peer's confirmation in constant time. @param {Uint8Array} confirmation */
    verify(confirmation) {
      if (state !== "awaiting-confirmation" || expected === null) throw new Error(`verify is not allowed: ${state}`);
      const ok = confirmation instanceof Uint8Array && constantTimeEqual(confirmation, expected);
      wipe(expected);
      if (!ok) {
        wipe(ke);
        state = "failed";
        return false;
      }
      state = "verified";
      return true;
    },
    /** Ke, released only once the peer's confirmation verified. */
    sharedKey() {
      if (state !== "verified" || ke === null) throw new Error(`the shared key is not available: ${state}`);
      return ke.slice();
    }
  };
}

// src/pin.js
var PIN_LENGTH = 6;
var PIN_MIN_LENGTH = 6;
var PIN_MAX_LENGTH = 32;
var PIN_ITERATIONS = 1e5;
var INITIATOR_IDENTITY = utf8("tigress initiator");
var RECIPIENT_IDENTITY = utf8("tigress recipient");
function digitValue(c) {
  if (!/^\p{Nd}$/u.test(c)) return -1;
  let cp = (
    /** @type {number} */
    c.codePointAt(0)
  );
  let zero = cp;
  while (zero > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}
function normalizePin(typed, expectedLength = PIN_LENGTH) {
  let out = "";
  for (const c of typed) {
    if (/^[\s\p{Pd}]$/u.test(c)) continue;
    const d = digitValue(c);
    if (d < 0) return null;
    out += String(d);
    if (out.length > PIN_MAX_LENGTH) return null;
  }
  if (expectedLength === null) return out.length >= PIN_MIN_LENGTH ? out : null;
  return out.length === expectedLength ? out : null;
}
async function derivePinScalar(pin, secret) {
  if (!/^[0-9]{6,32}$/.test(pin)) throw new Error("A PIN is 6 to 32 ASCII digits.");
  const salt = await expandLabel(secret, "pin salt", new Uint8Array(0), 32);
  const key = await crypto.subtle.importKey("raw", utf8(pin), "PBKDF2", false, ["deriveBits"]);
  const wide = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: PIN_ITERATIONS }, key, 384));
  const w = fromScalar(toScalar(wide) % ORDER);
  wipe(wide);
  wipe(salt);
  return w;
}
var mailboxPinBinding = (mailboxId) => utf8(`tigress-pin/1 mailbox ${mailboxId}`);
async function derivePinSessionKey(ke, secret) {
  const prk = await hkdfExtract(ke, secret);
  const ks = await expandLabel(prk, "tigress pin session", new Uint8Array(0), 32);
  wipe(prk);
  return ks;
}
async function createPinSessionCipher(ks) {
  if (ks.length !== 32) throw new Error("Ks is 32 bytes");
  const key = await crypto.subtle.importKey("raw", ks, "AES-GCM", false, ["encrypt", "decrypt"]);
  return {
    /** @param {'i2r'|'r2i'} dir @param {number} n @param {Uint8Array} plaintext @param {Uint8Array} [iv] */
    seal: (dir, n, plaintext, iv) => gcmSeal(key, payloadAad(dir, n, "tigress-pin/1"), plaintext, iv),
    /** @param {'i2r'|'r2i'} dir @param {number} n @param {Uint8Array} inner */
    open: (dir, n, inner) => gcmOpen(key, payloadAad(dir, n, "tigress-pin/1"), inner)
  };
}
var createPinParty = (role, w, binding) => createSpake2(role, w, INITIATOR_IDENTITY, RECIPIENT_IDENTITY, binding);

// src/share-url.js
var MAILBOX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
var Verticals = Object.freeze({ a: "general access", h: "home key", c: "car key" });
function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function decodeSecret(text) {
  let decoded;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return null;
  }
  let bytes = null;
  if (/[+/]/.test(decoded)) {
    bytes = fromBase64(decoded);
  } else {
    const unpadded = decoded.replace(/=+$/, "");
    bytes = fromBase64Url(unpadded);
    if (bytes !== null && unpadded !== decoded && decoded.length !== Math.ceil(unpadded.length / 4) * 4) bytes = null;
  }
  return bytes !== null && (bytes.length === 16 || bytes.length === 32) ? bytes : null;
}
function parseShareUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error("This is not a share link.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new Error("A share link uses https.");
  }
  if (url.username || url.password) throw new Error("A share link carries no user name or password.");
  const segments = url.pathname.split("/");
  const mailboxId = segments[segments.length - 1];
  if (segments.length < 4 || segments[segments.length - 2] !== "m" || segments[segments.length - 3] !== "v1" || !MAILBOX_ID.test(mailboxId)) {
    throw new Error("This link does not name a mailbox.");
  }
  const v = url.searchParams.getAll("v");
  const p = url.searchParams.getAll("p");
  if (v.length > 1 || p.length > 1) throw new Error("The link names its vertical or PIN flag twice.");
  const vertical = v.length === 0 ? "a" : v[0];
  if (vertical !== "a" && vertical !== "h" && vertical !== "c") throw new Error("The link names an unknown vertical.");
  if (p.length === 1 && p[0] !== "0" && p[0] !== "1" && p[0] !== "2") throw new Error("The link has a malformed PIN flag.");
  const pinMode = p[0] === "1" ? "spake2" : p[0] === "2" ? "relay" : null;
  const secret = decodeSecret(url.hash.replace(/^#/, ""));
  if (secret === null) throw new Error("The link has no valid key after the #.");
  return { requestUrl: `${url.origin}${url.pathname}`, mailboxId, vertical, pin: pinMode !== null, pinMode, secret };
}

// src/mailbox.js
var PROBLEM_PREFIX = "urn:tigress:problem:";
var MailboxError = class extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {number | undefined} [guessesLeft] */
  constructor(status, code, message, guessesLeft) {
    super(message);
    this.name = "MailboxError";
    this.status = status;
    this.code = code;
    this.guessesLeft = guessesLeft;
  }
};
var count = (value) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : void 0;
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function toError(response) {
  let code = `http-${response.status}`;
  let detail = `The relay answered ${response.status}.`;
  let guessesLeft;
  try {
    const problem = await response.json();
    if (typeof problem.type === "string" && problem.type.startsWith(PROBLEM_PREFIX)) code = problem.type.slice(PROBLEM_PREFIX.length);
    if (typeof problem.detail === "string") detail = problem.detail;
    guessesLeft = count(problem.guessesLeft);
  } catch {
  }
  return new MailboxError(response.status, code, detail, guessesLeft);
}
function stripped(url) {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
function createMailboxClient({ claim = crypto.randomUUID(), fetch: fetchImpl = globalThis.fetch.bind(globalThis), attempts = 4 } = {}) {
  async function send(method, url, { body, headers = {}, signal } = {}) {
    const requestId = crypto.randomUUID();
    const init = {
      method,
      headers: {
        "Mailbox-Request-ID": requestId,
        "Mailbox-Device-Claim": claim,
        ...body !== void 0 ? { "Content-Type": "application/json" } : {},
        ...headers
      },
      body: body !== void 0 ? JSON.stringify(body) : void 0,
      redirect: "error",
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal
    };
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await fetchImpl(stripped(url), init);
      } catch (error) {
        if (signal?.aborted || attempt >= attempts) throw new MailboxError(0, "network", "The relay could not be reached.");
        await sleep(500 * 2 ** attempt);
        continue;
      }
      if ((response.status === 429 || response.status === 503) && attempt < attempts) {
        const retryAfter = Math.min(Math.max(Number(response.headers.get("Retry-After")) || 1, 1), 30);
        await response.body?.cancel();
        await sleep(retryAfter * 1e3);
        continue;
      }
      if (response.status >= 300 && response.status !== 304) throw await toError(response);
      return response;
    }
  }
  return {
    claim,
    /** CreateMailbox. @param {string} relayBase @param {object} body @returns {Promise<{urlLink: string}>} */
    async create(relayBase, body) {
      const response = await send("POST", `${relayBase.replace(/\/+$/, "")}/v1/m`, { body });
      return response.json();
    },
    /**
     * ReadSecureContentFromMailbox; the first read by a new claim binds it as the recipient. On a share protected by
     * the relay-assisted PIN that first read carries `pinProof` (section 12.6); a wrong one is a MailboxError
     * `wrong-pin` with `guessesLeft`.
     * @param {string} url @param {{wait?: number, etag?: string | null, pinProof?: string, signal?: AbortSignal}} [options]
     * @returns {Promise<{status: number, etag: string | null, body: any}>}
     */
    async read(url, { wait = 0, etag = null, pinProof, signal } = {}) {
      const headers = {};
      if (wait > 0) headers.Prefer = `wait=${wait}`;
      if (etag) headers["If-None-Match"] = etag;
      const response = await send("POST", url, { headers, signal, body: pinProof !== void 0 ? { pinProof } : void 0 });
      const body = response.status === 200 || response.status === 201 ? await response.json() : null;
      return { status: response.status, etag: response.headers.get("ETag"), body };
    },
    /**
     * The relay-assisted PIN's evaluation, `POST {mailbox}/pin` (section 12.6): the relay multiplies the blinded
     * element by the share's OPRF key. It binds nothing and spends no guess.
     * @param {string} url @param {string} blindedElement base64url of the 33-byte compressed point
     * @returns {Promise<{evaluatedElement: string, guessesLeft: number | undefined}>}
     */
    async evaluate(url, blindedElement) {
      const response = await send("POST", `${stripped(url)}/pin`, { body: { blindedElement } });
      const body = await response.json();
      if (typeof body?.evaluatedElement !== "string") throw new MailboxError(response.status, "invalid-response", "The relay's PIN evaluation is malformed.");
      return { evaluatedElement: body.evaluatedElement, guessesLeft: count(body.guessesLeft) };
    },
    /** UpdateMailbox. @param {string} url @param {object} body */
    async update(url, body) {
      await (await send("PUT", url, { body })).body?.cancel();
    },
    /** DeleteMailbox; a mailbox already gone counts as deleted. @param {string} url */
    async delete(url) {
      try {
        await (await send("DELETE", url)).body?.cancel();
      } catch (error) {
        if (!(error instanceof MailboxError && error.status === 404)) throw error;
      }
    },
    /** RelinquishMailbox: the recipient lets go of its claim. @param {string} url */
    async relinquish(url) {
      await (await send("PATCH", url)).body?.cancel();
    },
    /**
     * The event stream, reconnected with Last-Event-ID whenever it ends, until the mailbox is deleted or expires,
     * or `signal` aborts. @param {string} url @param {{signal?: AbortSignal}} [options]
     * @returns {AsyncGenerator<{id: number, event: string, side?: string, guessesLeft?: number}>}
     */
    async *events(url, { signal } = {}) {
      let lastId = 0;
      for (; ; ) {
        const headers = { Accept: "text/event-stream" };
        headers["Last-Event-ID"] = String(lastId);
        const response = await send("GET", `${stripped(url)}/events`, { headers, signal });
        if (!response.body) throw new MailboxError(0, "network", "The event stream has no body.");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        let pending = {};
        try {
          for (; ; ) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let newline;
            while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
              const line = buffer.slice(0, newline);
              buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
              if (line === "") {
                if (pending.data !== void 0) {
                  let parsed;
                  try {
                    parsed = JSON.parse(pending.data);
                  } catch {
                    parsed = null;
                  }
                  if (pending.id !== void 0) lastId = pending.id;
                  if (parsed && typeof parsed.event === "string") {
                    yield {
                      id: pending.id ?? lastId,
                      event: parsed.event,
                      side: typeof parsed.side === "string" ? parsed.side : void 0,
                      guessesLeft: count(parsed.guessesLeft)
                    };
                    if (parsed.event === "deleted" || parsed.event === "expired") return;
                  }
                }
                pending = {};
              } else if (line.startsWith("id:")) {
                const id = Number(line.slice(3).trim());
                if (Number.isSafeInteger(id) && id >= 0) pending.id = id;
              } else if (line.startsWith("data:")) {
                const data = line.slice(5).replace(/^ /, "");
                pending.data = pending.data === void 0 ? data : `${pending.data}
${data}`;
              }
            }
          }
        } finally {
          await reader.cancel().catch(() => {
          });
        }
        if (signal?.aborted) return;
        await sleep(3e3);
      }
    }
  };
}

// src/oprf.js
var Point2 = p256_hasher.Point;
var Fn = Point2.Fn;
var ELEMENT_LENGTH = 33;
var HASH_TO_GROUP_DST = utf8("HashToGroup-OPRFV1-\0-P256-SHA256");
var FINALIZE = utf8("Finalize");
function inputBytes(input) {
  if (input instanceof Uint8Array) {
    if (input.length > 65535) throw new Error("An OPRF input is at most 65535 bytes.");
    return input;
  }
  if (!/^[0-9]{6,32}$/.test(input)) throw new Error("A PIN is 6 to 32 ASCII digits, in normal form.");
  return utf8(input);
}
function parseElement(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== ELEMENT_LENGTH || bytes[0] !== 2 && bytes[0] !== 3) return null;
  try {
    const point = Point2.fromBytes(bytes);
    return point.is0() ? null : point;
  } catch {
    return null;
  }
}
var hashToGroup = (input) => p256_hasher.hashToCurve(input, { DST: HASH_TO_GROUP_DST });
function finalizeHash(input, unblinded) {
  const length = (n) => Uint8Array.of(n >> 8, n & 255);
  return sha256(concat(length(input.length), input, length(unblinded.length), unblinded, FINALIZE));
}
function blind(input, fixedBlind) {
  const r = fixedBlind ?? randomScalar();
  if (r <= 0n || r >= ORDER) throw new Error("A blind is a scalar from 1 to n - 1.");
  const blindedElement = hashToGroup(inputBytes(input)).multiply(r).toBytes(true);
  return { blind: fromScalar(r), blindedElement };
}
async function finalize(input, blindBytes, evaluatedElement) {
  const point = parseElement(evaluatedElement);
  if (point === null) return null;
  const unblinded = point.multiply(Fn.inv(toScalar(blindBytes))).toBytes(true);
  return finalizeHash(inputBytes(input), unblinded);
}
async function deriveRelayPinKeys(y, secret) {
  if (y.length !== 32) throw new Error("y is 32 bytes");
  if (secret.length !== 16 && secret.length !== 32) throw new Error("A share key is 16 or 32 bytes.");
  const prk = await hkdfExtract(y, secret);
  const proofKey = await expandLabel(prk, "relay pin proof", new Uint8Array(0), 32);
  const sessionKey = await expandLabel(prk, "relay pin session", new Uint8Array(0), 32);
  wipe(prk);
  return { proofKey, sessionKey };
}

// src/provisioning.js
var Formats = Object.freeze({
  authorizationToken: "digitalwallet.generic.authorizationToken",
  carKey: "digitalwallet.carkey.ccc",
  complete: "tigress.control.complete",
  cancel: "tigress.control.cancel",
  pinStart: "tigress.pin.start",
  pinAnswer: "tigress.pin.answer",
  pinConfirm: "tigress.pin.confirm"
});
function appNeededFor(format2) {
  if (format2 === Formats.carKey) return { key: "error.needsCarKeyApp", values: {} };
  if (format2.startsWith("digitalwallet.homekey") || format2.startsWith("digitalwallet.home")) return { key: "error.needsHomeKeyApp", values: {} };
  return { key: "error.needsApp", values: { format: format2 } };
}
function hasDuplicateKeys(text) {
  const stack = [];
  const token = /"(?:[^"\\]|\\.)*"\s*:?|[{}[\]]/g;
  let match;
  while ((match = token.exec(text)) !== null) {
    const t2 = match[0];
    if (t2 === "{") stack.push(/* @__PURE__ */ new Set());
    else if (t2 === "[") stack.push(/* @__PURE__ */ new Set(["["]));
    else if (t2 === "}" || t2 === "]") stack.pop();
    else if (t2.endsWith(":")) {
      const top = stack[stack.length - 1];
      const key = JSON.parse(t2.slice(0, -1).trim());
      if (top.has(key)) return true;
      top.add(key);
    }
  }
  return false;
}
function parseProvisioning(bytes) {
  let text;
  let value;
  try {
    text = fromUtf8(bytes);
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || hasDuplicateKeys(text)) return null;
  if (typeof value.format !== "string" || value.format === "") return null;
  if (!value.content || typeof value.content !== "object" || Array.isArray(value.content)) return null;
  if (value.displayInformation !== void 0 && !isDisplayInformation(value.displayInformation)) return null;
  return value;
}
function isDisplayInformation(d) {
  return !!d && typeof d === "object" && typeof d.title === "string" && typeof d.description === "string" && typeof d.imageURL === "string";
}
var encodeProvisioning = (message) => utf8(JSON.stringify(message));
function normalUrl(value) {
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
}
function previewMatches(sealed, served) {
  if (!isDisplayInformation(sealed) || !isDisplayInformation(served)) return false;
  const a = normalUrl(sealed.imageURL);
  return sealed.title === served.title && sealed.description === served.description && a !== null && a === normalUrl(served.imageURL);
}
var readAuthorizationToken = (content) => typeof content?.token === "string" ? fromBase64(content.token) : null;
var cancelMessage = (code, reason) => ({ format: Formats.cancel, content: { reason, code } });
var completeMessage = () => ({ format: Formats.complete, content: {} });

// src/transfer.js
var TransferError = class extends Error {
  /**
   * `key` names the message (web/i18n) a page shows in its own language; `message` is the English one.
   * @param {string} code @param {string} key @param {{guessesLeft?: number, values?: Record<string, string | number>}} [details]
   */
  constructor(code, key, { guessesLeft, values = {} } = {}) {
    super(format("en", key, values));
    this.name = "TransferError";
    this.code = code;
    this.key = key;
    this.values = values;
    this.guessesLeft = guessesLeft;
  }
};
function mailboxGone(error) {
  return error instanceof MailboxError && error.status === 404;
}
function typedPin(pin) {
  const normal = pin === void 0 ? null : normalizePin(pin, null);
  if (normal === null) throw new TransferError("pin-required", "error.pinRequired");
  return normal;
}
function claimRefused(error) {
  if (!(error instanceof MailboxError)) return error;
  if (error.status === 404) return new TransferError("gone", "error.gone");
  if (error.code === "wrong-claim") {
    return new TransferError("claimed", "error.claimed");
  }
  if (error.code === "pin-locked" || error.code === "wrong-pin" && error.guessesLeft === 0) {
    return new TransferError("locked", "error.locked", { guessesLeft: 0 });
  }
  if (error.code === "wrong-pin") {
    const left = error.guessesLeft;
    return left === void 0 ? new TransferError("wrong-pin", "error.wrongPin") : new TransferError("wrong-pin", "error.wrongPinLeft", { guessesLeft: left, values: { count: left } });
  }
  if (error.code === "pin-required") {
    return new TransferError("pin-required", "error.pinNotInLink");
  }
  return error;
}
async function proveRelayPin(client, url, pin, secret) {
  const blinded = blind(pin);
  let evaluated;
  try {
    evaluated = await client.evaluate(url, toBase64Url(blinded.blindedElement));
  } catch (error) {
    if (error instanceof MailboxError && error.code === "invalid-request") {
      throw new TransferError("protocol-violation", "error.relayPinMissing");
    }
    throw claimRefused(error);
  }
  const element = fromBase64Url(evaluated.evaluatedElement);
  const y = element === null ? null : await finalize(pin, blinded.blind, element);
  wipe(blinded.blind);
  if (y === null) throw new TransferError("protocol-violation", "error.relayPinMalformed");
  const keys = await deriveRelayPinKeys(y, secret);
  wipe(y);
  return keys;
}
async function receive(link, { pin, client = createMailboxClient(), onProgress = () => {
} } = {}) {
  if (link.vertical !== "a") {
    throw new TransferError("unsupported-format", link.vertical === "c" ? "error.carKey" : "error.homeKey");
  }
  const mode = link.pinMode ?? (link.pin ? "spake2" : null);
  const normal = mode === null ? null : typedPin(pin);
  let w = null;
  if (mode === "spake2") w = await derivePinScalar(
    /** @type {string} */
    normal,
    link.secret
  );
  const shareKey = await importShareKey(link.secret);
  const url = link.requestUrl;
  let session = null;
  let pinProof;
  if (mode === "relay") {
    onProgress("pin-checking");
    const keys = await proveRelayPin(
      client,
      url,
      /** @type {string} */
      normal,
      link.secret
    );
    pinProof = toBase64Url(keys.proofKey);
    session = await createPinSessionCipher(keys.sessionKey);
    wipe(keys.proofKey);
    wipe(keys.sessionKey);
  }
  onProgress("claiming");
  let first;
  try {
    first = await client.read(url, { pinProof });
  } catch (error) {
    throw claimRefused(error);
  }
  if (first.status === 204 || !first.body) throw new TransferError("protocol-violation", "error.empty");
  const plain0 = await openPayload(shareKey, "i2r", 0, first.body.payload);
  const inner0 = plain0 && session ? await session.open("i2r", 0, plain0) : plain0;
  const message0 = inner0 && parseProvisioning(inner0);
  if (!message0) {
    await client.relinquish(url).catch(() => {
    });
    throw new TransferError("decryption-failed", "error.damaged");
  }
  const cancel = async (code, reason, n2) => {
    let bytes = encodeProvisioning(cancelMessage(code, reason));
    if (session) bytes = await session.seal("r2i", n2, bytes);
    await client.update(url, { payload: await sealPayload(shareKey, "r2i", n2, bytes) }).catch(() => {
    });
  };
  if (!previewMatches(message0.displayInformation, first.body.displayInformation)) {
    await cancel("preview-mismatch", "The preview the relay showed differs from what the sender wrote.", 0);
    throw new TransferError("preview-mismatch", "error.previewChanged");
  }
  let content = message0;
  if (mode !== "relay" && message0.format === Formats.pinStart) {
    if (w === null) {
      await client.relinquish(url).catch(() => {
      });
      throw new TransferError("pin-required", "error.pinNotInLink");
    }
    const party = createPinParty("B", w, mailboxPinBinding(link.mailboxId));
    wipe(w);
    const pA = fromBase64Url(message0.content.share);
    let cB;
    try {
      if (pA === null) throw new Error("malformed share");
      cB = await party.finish(pA);
    } catch {
      await cancel("protocol-violation", "The PIN exchange message is malformed.", 0);
      throw new TransferError("protocol-violation", "error.pinExchangeMalformed");
    }
    onProgress("pin-sent");
    const answer = { format: Formats.pinAnswer, content: { share: toBase64Url(party.share), confirmation: toBase64Url(cB) } };
    await client.update(url, { payload: await sealPayload(shareKey, "r2i", 0, encodeProvisioning(answer)) });
    const next = await waitForMessage(client, url, first.etag);
    if (next === null) throw new TransferError("wrong-pin", "error.pinEnded");
    const plain1 = await openPayload(shareKey, "i2r", 1, next.payload);
    const message1 = plain1 && parseProvisioning(plain1);
    if (message1 && message1.format === Formats.cancel) {
      throw new TransferError(message1.content?.code === "wrong-pin" ? "wrong-pin" : "cancelled", message1.content?.code === "wrong-pin" ? "error.pinRejected" : "error.senderCancelled");
    }
    const cA = message1 && message1.format === Formats.pinConfirm ? fromBase64Url(message1.content.confirmation) : null;
    const sealed = message1 && message1.format === Formats.pinConfirm ? fromBase64Url(message1.content.sealed) : null;
    if (!cA || !sealed) {
      await cancel("protocol-violation", "The PIN confirmation is malformed.", 1);
      throw new TransferError("protocol-violation", "error.pinConfirmationMalformed");
    }
    if (!party.verify(cA)) {
      await cancel("wrong-pin", "The PIN confirmation does not match.", 1);
      throw new TransferError("wrong-pin", "error.pinMismatch");
    }
    session = await createPinSessionCipher(await derivePinSessionKey(party.sharedKey(), link.secret));
    const inner = await session.open("i2r", 1, sealed);
    const opened = inner && parseProvisioning(inner);
    if (!opened) {
      await cancel("decryption-failed", "The first message after the PIN exchange could not be opened.", 1);
      throw new TransferError("decryption-failed", "error.firstMessageDamaged");
    }
    content = opened;
  }
  const n = session && mode === "spake2" ? 1 : 0;
  const write = async (message) => {
    let bytes = encodeProvisioning(message);
    if (session) bytes = await session.seal("r2i", n, bytes);
    await client.update(url, { payload: await sealPayload(shareKey, "r2i", n, bytes) });
  };
  if (content.format === Formats.authorizationToken) {
    const token = readAuthorizationToken(content.content);
    if (token === null) {
      await write(cancelMessage("protocol-violation", "The token is missing or malformed."));
      throw new TransferError("protocol-violation", "error.contentMalformed");
    }
    await write(completeMessage());
    onProgress("received");
    return { token, displayInformation: first.body.displayInformation, format: content.format };
  }
  if (session === null) {
    await client.relinquish(url).catch(() => {
    });
  } else {
    await write(cancelMessage("unsupported-format", "This format needs another app."));
  }
  const needed = appNeededFor(content.format);
  throw new TransferError("unsupported-format", needed.key, { values: needed.values });
}
async function waitForMessage(client, url, etag, deadline = Date.now() + 15 * 60 * 1e3) {
  while (Date.now() < deadline) {
    try {
      const read = await client.read(url, { wait: 30, etag });
      if (read.status === 200 || read.status === 201) return { ...read.body, etag: read.etag };
    } catch (error) {
      if (mailboxGone(error)) return null;
      throw error;
    }
  }
  throw new TransferError("timeout", "error.timeout");
}

// pages/dom.js
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}
function show(container, ...children) {
  container.replaceChildren(...children.map((c) => typeof c === "string" ? document.createTextNode(c) : c));
}
function copyButton(label, text) {
  const button = el("button", { type: "button", class: "copy" }, label);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = t("common.copied");
    } catch {
      button.textContent = t("common.copyFailed");
    }
    setTimeout(() => button.textContent = label, 2500);
  });
  return button;
}
function errorText(error, otherwise = "common.unknownError") {
  if (error instanceof TransferError) return t(error.key, error.values);
  if (error instanceof MailboxError) {
    if (error.status === 0) return t("error.network");
    if (error.status === 413) return t("error.tooLarge");
    if (error.status === 429 || error.status === 503) return t("error.busy");
    return t("error.relay", { status: String(error.status) });
  }
  return t(otherwise);
}

// pages/receive.js
localizeDocument(document);
var app = (
  /** @type {HTMLElement} */
  document.getElementById("app")
);
var PIN_HINTS = { spake2: "receive.pinHintSpake2", relay: "receive.pinHintRelay" };
function inFront() {
  return !/** @type {any} */
  document.prerendering && document.visibilityState === "visible";
}
function start() {
  if (!location.hash || location.hash === "#") {
    show(app, el("p", { class: "error", id: "status" }, t("receive.incomplete")));
    return;
  }
  let link;
  try {
    link = parseShareUrl(location.href);
  } catch {
    show(app, el("p", { class: "error", id: "status" }, t("receive.badLink")));
    return;
  }
  if (link.vertical !== "a") {
    show(app, el("p", { id: "status" }, t(link.vertical === "c" ? "receive.carKey" : "receive.homeKey")));
    return;
  }
  const status = el("p", { id: "status", role: "status" }, t(link.pin ? "receive.readyPin" : "receive.ready"));
  const button = (
    /** @type {HTMLButtonElement} */
    el("button", { type: "button", id: "receive" }, t("receive.button"))
  );
  let pinInput = null;
  const parts = [];
  if (link.pinMode) {
    pinInput = /** @type {HTMLInputElement} */
    el("input", { id: "pin", inputmode: "numeric", autocomplete: "one-time-code", "aria-describedby": "pin-hint" });
    parts.push(el("label", { for: "pin" }, t("receive.pinLabel")), pinInput, el("p", { id: "pin-hint", class: "hint" }, t(PIN_HINTS[link.pinMode])));
  }
  parts.push(button, status);
  show(app, ...parts);
  const refuse = (text, code) => {
    status.className = "error";
    status.dataset.code = code;
    status.textContent = text;
  };
  let busy = false;
  button.addEventListener("click", async (event) => {
    if (busy || !event.isTrusted || !inFront()) return;
    let pin;
    if (pinInput) {
      if (normalizePin(pinInput.value, null) === null) {
        refuse(t(pinInput.value.trim() === "" ? "receive.pinEmpty" : "receive.pinIncomplete"), "pin-incomplete");
        pinInput.focus();
        return;
      }
      pin = pinInput.value;
    }
    busy = true;
    button.disabled = true;
    if (pinInput) pinInput.disabled = true;
    status.className = "";
    delete status.dataset.code;
    status.dataset.busy = "";
    status.textContent = t("receive.receiving");
    try {
      const result = await receive(link, {
        pin,
        onProgress: (step) => {
          if (step === "pin-sent") status.textContent = t("receive.pinSent");
          if (step === "pin-checking") status.textContent = t("receive.pinChecking");
        }
      });
      history.replaceState(null, "", location.pathname + location.search);
      let text;
      let note = "";
      try {
        text = fromUtf8(result.token);
      } catch {
        text = toBase64(result.token);
        note = t("receive.notText");
      }
      const content = el("pre", { id: "content", dir: "auto" }, text);
      show(
        app,
        el("p", { id: "status", class: "ok" }, t("receive.received")),
        content,
        ...note ? [el("p", { class: "hint" }, note)] : [],
        copyButton(t("receive.copy"), () => text)
      );
    } catch (error) {
      refuse(errorText(error, "receive.failed"), error instanceof TransferError ? error.code : "error");
      if (error instanceof TransferError && error.guessesLeft !== void 0) status.dataset.guessesLeft = String(error.guessesLeft);
      const again = error instanceof TransferError && (error.code === "pin-required" || error.code === "wrong-pin" && link.pinMode === "relay");
      if (again && pinInput) {
        button.disabled = false;
        pinInput.disabled = false;
        if (error.code === "wrong-pin") pinInput.value = "";
        pinInput.focus();
      }
    } finally {
      busy = false;
      delete status.dataset.busy;
    }
  });
}
if (
  /** @type {any} */
  document.prerendering
) {
  document.addEventListener("prerenderingchange", start, { once: true });
} else {
  start();
}
/*! Bundled license information:

@noble/curves/utils.js:
@noble/curves/abstract/modular.js:
@noble/curves/abstract/curve.js:
@noble/curves/abstract/der.js:
@noble/curves/abstract/weierstrass.js:
@noble/curves/nist.js:
  (*! noble-curves - MIT License (c) 2022 Paul Miller (paulmillr.com) *)
*/
