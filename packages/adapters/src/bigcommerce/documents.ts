/**
 * GraphQL documents of the BigCommerce adapter (GraphQL Storefront API). The tests validate them against
 * a transcribed subset of BigCommerce's schema (test/bigcommerce-schema.test.ts): no npm package ships it.
 *
 * The signed-in customer's orders live at `site.orders` / `site.order(filter: { entityId })`; `customer`
 * is null when the customer token is missing or expired.
 */

const orderFields = /* GraphQL */ `
    entityId
    orderedAt {
      utc
    }
    status {
      value
      label
    }
    totalIncTax {
      value
      currencyCode
    }
    consignments {
      shipping(first: 10) {
        edges {
          node {
            entityId
            lineItems(first: 50) {
              edges {
                node {
                  ...NectarPhysicalLine
                }
              }
            }
            shipments(first: 10) {
              edges {
                node {
                  entityId
                  shippedAt {
                    utc
                  }
                  shippingProviderName
                  tracking {
                    __typename
                    ... on OrderShipmentNumberAndUrlTracking {
                      number
                      url
                    }
                    ... on OrderShipmentNumberOnlyTracking {
                      number
                    }
                    ... on OrderShipmentUrlOnlyTracking {
                      url
                    }
                  }
                }
              }
            }
          }
        }
      }
      pickups(first: 10) {
        edges {
          node {
            entityId
            lineItems(first: 50) {
              edges {
                node {
                  ...NectarPhysicalLine
                }
              }
            }
          }
        }
      }
      downloads {
        lineItems(first: 50) {
          edges {
            node {
              entityId
              name
              quantity
              imageUrl
            }
          }
        }
      }
    }
`;

const lineFragment = /* GraphQL */ `
  fragment NectarPhysicalLine on OrderPhysicalLineItem {
    entityId
    name
    quantity
    imageUrl
  }
`;

export const BC_CUSTOMER = /* GraphQL */ `
  query NectarBcCustomer {
    customer {
      entityId
      email
      firstName
      lastName
    }
  }
`;

export const BC_ORDERS = /* GraphQL */ `
  query NectarBcOrders($first: Int!, $after: String) {
    customer {
      entityId
    }
    site {
      orders(first: $first, after: $after) {
        edges {
          node {
            ...NectarBcOrder
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  fragment NectarBcOrder on Order {
${orderFields}
  }
  ${lineFragment}
`;

export const BC_ORDER = /* GraphQL */ `
  query NectarBcOrder($entityId: Int!) {
    customer {
      entityId
    }
    site {
      order(filter: { entityId: $entityId }) {
        ...NectarBcOrderWithPayments
      }
    }
  }
  fragment NectarBcOrderWithPayments on OrderWithPayments {
${orderFields}
  }
  ${lineFragment}
`;

export const BIGCOMMERCE_DOCUMENTS = { BC_CUSTOMER, BC_ORDERS, BC_ORDER };
