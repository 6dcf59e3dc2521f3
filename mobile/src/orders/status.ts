export const statusLabel: Record<string, string> = {
  PENDING_PAYMENT: 'Waiting for payment',
  PAID: 'Paid',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
  REFUND_REQUESTED: 'Refund requested',
  REFUNDED: 'Refunded',
};

export const label = (status: string) => statusLabel[status] ?? status;
