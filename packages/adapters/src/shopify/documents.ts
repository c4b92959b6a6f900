/**
 * GraphQL documents of the Shopify adapter, validated against the schemas Shopify publishes in
 * `@shopify/hydrogen-react` (customer-account.schema.json, storefront.schema.json) by the tests.
 */

/** Customer Account API. */
export const CA_ORDER_FIELDS = /* GraphQL */ `
  fragment NectarOrder on Order {
    id
    name
    processedAt
    cancelledAt
    fulfillmentStatus
    totalPrice {
      amount
      currencyCode
    }
    lineItems(first: 50) {
      nodes {
        id
        title
        sku
        quantity
        image {
          url
        }
      }
    }
    fulfillments(first: 10) {
      nodes {
        createdAt
        status
        latestShipmentStatus
        estimatedDeliveryAt
        trackingInformation {
          company
          number
          url
        }
      }
    }
  }
`;

export const CA_CUSTOMER = /* GraphQL */ `
  query NectarCustomer {
    customer {
      id
      displayName
      emailAddress {
        emailAddress
      }
    }
  }
`;

export const CA_ORDERS = /* GraphQL */ `
  query NectarOrders($first: Int!, $after: String, $query: String) {
    customer {
      orders(first: $first, after: $after, query: $query, sortKey: PROCESSED_AT, reverse: true) {
        nodes {
          ...NectarOrder
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${CA_ORDER_FIELDS}
`;

export const CA_ORDER = /* GraphQL */ `
  query NectarOrder($id: ID!) {
    order(id: $id) {
      ...NectarOrder
    }
  }
  ${CA_ORDER_FIELDS}
`;

/** Storefront API, for legacy customer access tokens (classic customer accounts). */
export const SF_ORDER_FIELDS = /* GraphQL */ `
  fragment NectarSfOrder on Order {
    id
    name
    processedAt
    canceledAt
    fulfillmentStatus
    totalPrice {
      amount
      currencyCode
    }
    lineItems(first: 50) {
      nodes {
        title
        quantity
        variant {
          id
          sku
          image {
            url
          }
        }
      }
    }
    successfulFulfillments(first: 10) {
      trackingCompany
      trackingInfo(first: 5) {
        number
        url
      }
    }
  }
`;

export const SF_ORDERS = /* GraphQL */ `
  query NectarSfOrders($token: String!, $first: Int!, $after: String, $query: String) {
    customer(customerAccessToken: $token) {
      id
      email
      displayName
      orders(first: $first, after: $after, query: $query, sortKey: PROCESSED_AT, reverse: true) {
        nodes {
          ...NectarSfOrder
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${SF_ORDER_FIELDS}
`;

export const SF_CUSTOMER = /* GraphQL */ `
  query NectarSfCustomer($token: String!) {
    customer(customerAccessToken: $token) {
      id
      email
      displayName
    }
  }
`;

export const SF_ORDER = /* GraphQL */ `
  query NectarSfOrder($id: ID!) {
    node(id: $id) {
      ... on Order {
        ...NectarSfOrder
      }
    }
  }
  ${SF_ORDER_FIELDS}
`;

export const CUSTOMER_ACCOUNT_DOCUMENTS = { CA_CUSTOMER, CA_ORDERS, CA_ORDER };
export const STOREFRONT_DOCUMENTS = { SF_CUSTOMER, SF_ORDERS, SF_ORDER };
