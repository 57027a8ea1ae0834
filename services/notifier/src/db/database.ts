import { NOTIFIER_ENTITIES } from './entities.js';
import { NotifierSchema1795620226052 } from './migrations/1795620226052-notifier-schema.js';
import { RotaAndAcknowledgements1795621570415 } from './migrations/1795621570415-rota-and-acknowledgements.js';
import { TextMessagesAndReceipts1796544338694 } from './migrations/1796544338694-text-messages-and-receipts.js';
import { DeliveryAddressAndReplyGuard1796548628800 } from './migrations/1796548628800-delivery-address-and-reply-guard.js';
import { DirectoryCouncil1796555016266 } from './migrations/1796555016266-directory-council.js';
import { ReplyCodeReservations1796600000000 } from './migrations/1796600000000-reply-code-reservations.js';

export const DATABASE = { entities: NOTIFIER_ENTITIES, migrations: [NotifierSchema1795620226052, RotaAndAcknowledgements1795621570415, TextMessagesAndReceipts1796544338694, DeliveryAddressAndReplyGuard1796548628800, DirectoryCouncil1796555016266,
  ReplyCodeReservations1796600000000] };
