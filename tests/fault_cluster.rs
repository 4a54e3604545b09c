//! The multi-broker fault cluster itself (tests/common/cluster).

mod common;
use common::cluster::*;
use common::*;

#[test]
fn real_clients_produce_and_consume_in_a_group_through_the_proxy() {
    let cluster = FaultCluster::start(3);
    let bs = cluster.bootstrap();
    create_topic(&bs, "orders", 6);
    for p in 0..6 {
        produce(&bs, "orders", p, 2);
    }
    consume(&bs, "g-orders", "orders", 12);
    let parts: Vec<(&str, i32)> = (0..6).map(|p| ("orders", p)).collect();
    assert_eq!(committed(&bs, "g-orders", &parts), vec![Some(2); 6]);
}
