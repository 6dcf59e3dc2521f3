export type RootStackParams = {
  Tabs: undefined;
  Listing: {id: string};
  Checkout: undefined;
  Order: {id: string};
  Thread: {threadId: string; title?: string};
  SignIn: undefined;
};

export type TabParams = {
  Feed: undefined;
  Sell: undefined;
  Cart: undefined;
  Inbox: undefined;
  Account: undefined;
};
